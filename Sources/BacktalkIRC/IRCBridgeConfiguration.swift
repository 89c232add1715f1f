/// Everything `backtalk-irc` is told on its command line.
public struct IRCBridgeConfiguration: Sendable {
    /// The IRC server.
    public var host: String
    public var port: Int
    /// The nick to use; `_` is added while it is taken.
    public var nick: String
    /// Channels to join, e.g. `#backpain`.
    public var channels: [String]
    /// backtalkd's Unix socket.
    public var daemonSocket: String
    /// Whether to speak TLS to the IRC server (off by default, as IRC's port 6667 is plain text).
    public var useTLS = false
    /// A PEM file of certificates to trust for the server instead of the system's, e.g. a private CA.
    public var trustedCertificatesFile: String?
    /// The pace of the bridge's own lines.
    public var pacer = OutputPacer()
    /// The longest wait between reconnection attempts; waits double from one second up to it.
    public var maximumBackoff = Duration.seconds(60)
    /// The most bytes of text in one message; IRC's 512-byte line also holds the prefix and the command.
    public var lineBytes = 400

    public init(host: String, port: Int, nick: String, channels: [String], daemonSocket: String) {
        self.host = host
        self.port = port
        self.nick = nick
        self.channels = channels
        self.daemonSocket = daemonSocket
    }
}
