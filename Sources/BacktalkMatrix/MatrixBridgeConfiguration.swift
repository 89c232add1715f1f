/// What ``MatrixBridge`` needs: where the homeserver and backtalkd are, who may invite it, where it keeps
/// its sync position.
public struct MatrixBridgeConfiguration: Sendable {
    /// The homeserver's client-server API base URL, `https://matrix.example.org`.
    public var homeserver: String
    /// The bot user's access token (read from a file: never from the command line, never logged).
    public var accessToken: String
    /// Who may invite the bot into a room.
    public var inviters: InviterAllowList
    /// What starts a message for the bot in a group room (besides a mention).
    public var prefix = "!backtalk"
    /// backtalkd's Unix socket.
    public var daemonSocket: String
    /// Where the sync position is kept (systemd's `StateDirectory=`).
    public var stateDirectory: String
    /// How long one `/sync` waits for events before it returns empty.
    public var syncTimeout = Duration.seconds(30)
    /// At most this many events of a room per sync; a longer gap is fetched page by page.
    public var timelineLimit = 100
    /// The longest wait between tries after a failure.
    public var maximumBackoff = Duration.seconds(60)

    public init(
        homeserver: String, accessToken: String, inviters: InviterAllowList, daemonSocket: String,
        stateDirectory: String
    ) {
        self.homeserver = homeserver
        self.accessToken = accessToken
        self.inviters = inviters
        self.daemonSocket = daemonSocket
        self.stateDirectory = stateDirectory
    }
}
