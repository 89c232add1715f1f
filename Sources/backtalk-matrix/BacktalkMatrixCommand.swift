import ArgumentParser
import BacktalkMatrix
import BacktalkProtocol
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

@main
struct BacktalkMatrixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtalk-matrix",
        abstract: "Answer questions about lower back pain and massage in Matrix rooms.",
        discussion: """
            A Matrix bot over backtalkd: it joins the rooms allowed users invite it to, answers every \
            message of a direct chat and, in a group room, the messages that mention it or start with \
            !backtalk, keeping one conversation per room and sender. Its access token is read from a file \
            (systemd's LoadCredential=); its sync position is kept in --state-directory, so a restart \
            answers nothing twice. Encrypted rooms are not supported. Message text is never logged. \
            Exit status 78: the homeserver refused the access token.
            """,
        version: BacktalkVersion.current)

    @Option(help: "The homeserver's client-server API URL, e.g. https://matrix.example.org.")
    var homeserver: String

    @Option(help: ArgumentHelp("A file holding the bot user's access token.", valueName: "file"))
    var tokenFile: String

    @Option(
        name: .customLong("allow"),
        help: ArgumentHelp(
            "Who may invite the bot: a user ID (@alice:example.org) or a server name (example.org); repeat for more.",
            valueName: "pattern"))
    var inviters: [String] = []

    @Option(help: "What starts a message for the bot in a group room (a mention works too).")
    var prefix = "!backtalk"

    @Option(help: "backtalkd's Unix socket (default: where backtalk looks for it).")
    var socket: String?

    @Option(
        help: ArgumentHelp(
            "Where the sync position is kept (default: $STATE_DIRECTORY, else ~/.local/state/backtalk-matrix).",
            valueName: "folder"))
    var stateDirectory: String?

    func validate() throws {
        guard let url = URL(string: homeserver), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError("--homeserver must be an http or https URL, e.g. https://matrix.example.org")
        }
        guard !prefix.isEmpty, !prefix.contains(where: \.isWhitespace) else {
            throw ValidationError("--prefix must be one word, e.g. !backtalk")
        }
        do { _ = try InviterAllowList(inviters) } catch { throw ValidationError(error.description) }
        if inviters.isEmpty {
            FileHandle.standardError.write(
                Data("backtalk-matrix: no --allow given: every invitation is refused\n".utf8))
        }
    }

    /// Runs the bot as a service until SIGTERM or SIGINT, like backtalkd: ServiceLifecycle catches the
    /// signals and the bot finishes the batch it is answering.
    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "backtalk-matrix")
        let environment = ProcessInfo.processInfo.environment
        var configuration = MatrixBridgeConfiguration(
            homeserver: homeserver, accessToken: try accessToken(), inviters: try InviterAllowList(inviters),
            daemonSocket: socket ?? SocketLocation.clientCandidates(environment: environment, userID: getuid())[0],
            stateDirectory: try stateFolder(environment: environment))
        configuration.prefix = prefix
        let bridge = try await MatrixBridge(configuration: configuration, logger: logger)
        let group = ServiceGroup(services: [bridge], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
        } catch let error as MatrixBridgeError {
            logger.critical("\(error)")
            throw ExitCode(78)  // EX_CONFIG: the unit does not restart for it (RestartPreventExitStatus=78)
        }
        logger.info("stopped")
    }

    /// The token in `--token-file`, without surrounding white space.
    private func accessToken() throws -> String {
        guard let data = FileManager.default.contents(atPath: tokenFile) else {
            let reason = FileManager.default.fileExists(atPath: tokenFile) ? "this user may not read it" : "there is no such file"
            throw ValidationError(
                "cannot read the access token from \(tokenFile): \(reason); put the bot user's token in it "
                    + "(docs/CONVERSATIONS.md, \"Matrix\"; the packaged service takes it from /etc/backtalk/matrix-token)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: \.isWhitespace) else {
            throw ValidationError("\(tokenFile) must hold one access token on one line")
        }
        return token
    }

    /// `--state-directory`, else systemd's `$STATE_DIRECTORY`, else `~/.local/state/backtalk-matrix`; made
    /// when missing.
    private func stateFolder(environment: [String: String]) throws -> String {
        let folder =
            stateDirectory ?? environment["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init)
            ?? (environment["XDG_STATE_HOME"] ?? (NSHomeDirectory() + "/.local/state")) + "/backtalk-matrix"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create the state folder \(folder) (\(error)); give --state-directory")
        }
        return folder
    }
}
