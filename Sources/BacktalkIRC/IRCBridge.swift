import BacktalkDaemonLink
import BacktalkProtocol
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Connects an IRC server to backtalkd: answers in a channel when addressed (`backtalk: question`) and in
/// private messages, with one conversation per channel and nick (`irc:#channel:nick`, `irc:nick` for
/// private ones). Splits long answers at IRC's line limit, paces its own output, answers PING, and
/// reconnects with a growing wait when the server goes away. It lives on one event loop, where every
/// method must be called (``IRCBridgeService`` runs it there); it is not `Sendable`.
public final class IRCBridge {
    private let configuration: IRCBridgeConfiguration
    private let loop: any EventLoop
    private let logger: Logger
    private let daemon: DaemonLink
    /// The TLS settings, when the bridge speaks TLS to the server.
    private let tls: NIOSSLContext?
    private var connection: (any Channel)?
    /// Whether the server welcomed the current connection (reply 001).
    private var registered = false
    private var nick: String
    private var backoff: Backoff
    private var pacer: OutputPacer
    private var outgoing: [String] = []
    private var pumpScheduled = false
    private var stopping = false

    /// - Throws: when TLS is asked for and its certificates cannot be loaded.
    public init(configuration: IRCBridgeConfiguration, loop: any EventLoop, logger: Logger) throws {
        self.configuration = configuration
        if configuration.useTLS {
            var settings = TLSConfiguration.makeClientConfiguration()
            if let file = configuration.trustedCertificatesFile { settings.trustRoots = .file(file) }
            tls = try NIOSSLContext(configuration: settings)
        } else {
            tls = nil
        }
        self.loop = loop
        self.logger = logger
        daemon = DaemonLink(loop: loop, socketPath: configuration.daemonSocket, idPrefix: "irc")
        nick = configuration.nick
        pacer = configuration.pacer
        backoff = Backoff(maximum: configuration.maximumBackoff)
    }

    /// Connects, and keeps connecting until ``stop()``.
    public func start() {
        connect()
    }

    /// Says goodbye to the server and closes both connections; no reconnection after it. The future
    /// completes once the goodbye is sent and the connection closed.
    public func stop() -> EventLoopFuture<Void> {
        stopping = true
        daemon.close()
        guard let connection else { return loop.makeSucceededVoidFuture() }
        return connection.writeAndFlush(Self.buffer(IRCMessage("QUIT", ["backtalk is stopping"]), connection))
            .flatMap { connection.close() }
            .recover { _ in }
    }

    private func connect() {
        loop.preconditionInEventLoop()
        guard !stopping else { return }
        logger.info(
            "connecting to the IRC server",
            metadata: ["irc.server": "\(configuration.host):\(configuration.port)", "irc.tls": "\(tls != nil)"])
        let tls = self.tls
        let bridge = NIOLoopBound(self, eventLoop: loop)
        // TLS names the server by host name (SNI and the certificate check); an address is checked as such.
        let serverName = (try? SocketAddress(ipAddress: configuration.host, port: 0)) == nil ? configuration.host : nil
        ClientBootstrap(group: loop)
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(LineBasedFrameDecoder()),
                        LineChannelHandler(
                            onLine: { bridge.value.received($0, on: channel) },
                            onClose: { bridge.value.disconnected(channel) }),
                    ])
                }
            }
            .connect(host: configuration.host, port: configuration.port)
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success(let channel):
                    self.connection = channel
                    self.registered = false
                    self.nick = self.configuration.nick
                    // A server that accepts but never welcomes is treated as gone.
                    self.loop.assumeIsolated().scheduleTask(in: .seconds(30)) {
                        guard self.connection === channel, !self.registered else { return }
                        self.logger.warning("the IRC server did not welcome the bridge within 30 s")
                        channel.close(promise: nil)
                    }
                    self.sendNow(IRCMessage("NICK", [self.nick]))
                    self.sendNow(IRCMessage("USER", [self.configuration.nick, "0", "*", "backtalk bridge"]))
                case .failure(let error):
                    self.logger.warning("cannot reach the IRC server", metadata: ["irc.error": "\(error)"])
                    self.scheduleReconnect()
                }
            }
    }

    private func disconnected(_ channel: any Channel) {
        guard connection === channel else { return }
        connection = nil
        outgoing.removeAll()
        guard !stopping else { return }
        logger.warning("the IRC server closed the connection")
        scheduleReconnect()
    }

    private func scheduleReconnect() {
        guard !stopping else { return }
        let wait = backoff.next()
        logger.info("reconnecting", metadata: ["irc.reconnect_seconds": "\(wait.components.seconds)"])
        loop.assumeIsolated().scheduleTask(in: TimeAmount(wait)) { self.connect() }
    }

    private func received(_ bytes: [UInt8], on channel: any Channel) {
        guard connection === channel, let message = IRCMessage(line: Substring(decoding: bytes, as: UTF8.self)) else {
            return
        }
        switch message.command {
        case "PING":
            sendNow(IRCMessage("PONG", message.parameters))
        case "001":
            registered = true
            backoff.reset()
            if let accepted = message.parameters.first { nick = accepted }
            logger.info("registered", metadata: ["irc.nick": "\(nick)"])
            if !configuration.channels.isEmpty {
                sendNow(IRCMessage("JOIN", [configuration.channels.joined(separator: ",")]))
            }
        case "433":
            nick = String((nick + "_").suffix(9))
            sendNow(IRCMessage("NICK", [nick]))
        case "PRIVMSG":
            guard message.parameters.count == 2, let sender = message.senderNick, sender != nick else { return }
            question(message.parameters[1], from: sender, to: message.parameters[0])
        default:
            return
        }
    }

    /// Answers `text` sent by `sender` to `target` (a channel or the bridge's nick) when it is for the bridge.
    private func question(_ text: String, from sender: String, to target: String) {
        guard !text.hasPrefix("\u{1}") else { return }  // CTCP (ACTION, VERSION…) is not a question.
        let isChannel = target.first.map { "#&+!".contains($0) } ?? false
        let question: Substring
        let session: String
        let replyTarget: String
        let addressee: String
        if isChannel {
            guard let addressed = Self.addressedText(text, to: nick) else { return }
            question = addressed
            session = "irc:\(target.lowercased()):\(sender.lowercased())"
            replyTarget = target
            addressee = sender + ": "
        } else {
            question = Substring(text)
            session = "irc:\(sender.lowercased())"
            replyTarget = sender
            addressee = ""
        }
        guard question.contains(where: { $0.isLetter || $0.isNumber }) else { return }
        daemon.ask(String(question), session: session).assumeIsolated().whenComplete { result in
            let lines: [String]
            switch result {
            case .success(let reply): lines = IRCReply.lines(of: reply)
            case .failure(let error):
                let socket = self.configuration.daemonSocket
                self.logger.warning(
                    "\(DaemonLink.explanation(of: error, socketPath: socket))", metadata: ["socket.path": "\(socket)"])
                lines = ["backtalk is not available right now; please try again in a minute."]
            }
            self.say(lines, to: replyTarget, addressee: addressee)
        }
    }

    /// The text after "nick:" or "nick," at the start of `text`, or nil when the message is not for `nick`.
    static func addressedText(_ text: String, to nick: String) -> Substring? {
        guard text.count > nick.count, text.lowercased().hasPrefix(nick.lowercased()) else { return nil }
        let rest = text.dropFirst(nick.count)
        guard let mark = rest.first, mark == ":" || mark == "," else { return nil }
        return rest.dropFirst().drop { $0 == " " }
    }

    private func say(_ lines: [String], to target: String, addressee: String) {
        let command = "PRIVMSG \(target) :"
        let limit = configuration.lineBytes - command.utf8.count
        for (index, line) in IRCText.lines(lines.joined(separator: "\n"), limit: limit - addressee.utf8.count).enumerated() {
            outgoing.append(command + (index == 0 ? addressee : "") + line)
        }
        pump()
    }

    /// Sends queued lines as fast as the pacer allows.
    private func pump() {
        guard !pumpScheduled, let connection else { return }
        while !outgoing.isEmpty {
            let now = ContinuousClock.now
            let delay = pacer.delay(at: now)
            if delay > .zero {
                pumpScheduled = true
                loop.assumeIsolated().scheduleTask(in: TimeAmount(delay)) {
                    self.pumpScheduled = false
                    self.pump()
                }
                return
            }
            pacer.take(at: now)
            connection.writeAndFlush(Self.buffer(outgoing.removeFirst(), connection), promise: nil)
        }
    }

    /// Sends protocol messages (registration, PONG) at once, ahead of the paced answers.
    private func sendNow(_ message: IRCMessage) {
        guard let connection else { return }
        connection.writeAndFlush(Self.buffer(message, connection), promise: nil)
    }

    private static func buffer(_ message: IRCMessage, _ channel: any Channel) -> ByteBuffer {
        buffer(message.line, channel)
    }

    private static func buffer(_ line: String, _ channel: any Channel) -> ByteBuffer {
        var buffer = channel.allocator.buffer(capacity: line.utf8.count + 2)
        buffer.writeString(line)
        buffer.writeString("\r\n")
        return buffer
    }
}
