import ArgumentParser
import BacktalkIRC
import BacktalkProtocol
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle
import UnixSignals

@main
struct BacktalkIRCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtalk-irc",
        abstract: "Bridge IRC channels and private messages to backtalkd.",
        discussion: """
            Answers in a channel when addressed ("backtalk: how often should I get a massage?") and in \
            private messages, keeping one conversation per channel and nick. Reconnects when the IRC \
            server or backtalkd goes away. Question text is never logged.
            """,
        version: BacktalkVersion.current)

    @Option(help: "The IRC server's host name or address.")
    var server = "127.0.0.1"

    @Option(help: "The IRC server's port (6667 plain, usually 6697 with --tls).")
    var port = 6667

    @Flag(help: "Speak TLS to the IRC server (off by default).")
    var tls = false

    @Option(help: "With --tls: a PEM file of certificates to trust instead of the system's.")
    var tlsCaFile: String?

    @Option(help: "The nick to use (at most 9 characters on most servers).")
    var nick = "backtalk"

    @Option(name: .customLong("channel"), help: "A channel to join; repeat for more.")
    var channels: [String] = []

    @Option(help: "backtalkd's Unix socket (default: where backtalk looks for it).")
    var socket: String?

    @Option(help: "Lines sent at once before pacing starts.")
    var burst = 4

    @Option(help: "Seconds between lines once the burst is used.")
    var lineInterval = 1.0

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 to 65535") }
        guard !nick.isEmpty, !nick.contains(" ") else { throw ValidationError("--nick must be one word") }
        for channel in channels where !"#&+!".contains(channel.first ?? " ") {
            throw ValidationError("the channel \(channel) must start with #, e.g. --channel '#backpain'")
        }
        if tlsCaFile != nil && !tls { throw ValidationError("--tls-ca-file needs --tls") }
        guard burst >= 1, lineInterval >= 0 else { throw ValidationError("--burst must be 1 or more, --line-interval 0 or more") }
    }

    /// Runs the bridge as a service until SIGTERM or SIGINT, like backtalkd: ServiceLifecycle catches the
    /// signals and shuts the bridge down gracefully.
    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "backtalk-irc")
        let socketPath =
            socket ?? SocketLocation.clientCandidates(environment: ProcessInfo.processInfo.environment, userID: getuid())[0]
        var configuration = IRCBridgeConfiguration(
            host: server, port: port, nick: nick, channels: channels, daemonSocket: socketPath)
        configuration.pacer = OutputPacer(burst: burst, interval: .milliseconds(Int(lineInterval * 1000)))
        configuration.useTLS = tls
        configuration.trustedCertificatesFile = tlsCaFile
        let bridge: IRCBridgeService
        do {
            bridge = try await IRCBridgeService(
                configuration: configuration, loop: MultiThreadedEventLoopGroup.singleton.next(), logger: logger)
        } catch {
            throw ValidationError("cannot set up TLS (\(error)); check --tls-ca-file")
        }
        let group = ServiceGroup(services: [bridge], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
        logger.info("stopped")
    }
}
