import BacktalkCore

/// Everything `backtalkd` is told on its command line.
public struct ServerConfiguration: Sendable {
    /// The folders of the knowledge base: the shipped one, then local layers.
    public var knowledgeLayers: [String]
    /// When to answer, ask back or fall back.
    public var policy = AnswerPolicy()
    /// Where trained models are looked for before training, and kept after.
    public var models: ModelStore
    /// Log each question's text with its intent (off: health questions are private).
    public var logQuestions = false
    /// The longest request line accepted, in bytes.
    public var maximumLineLength = 16 * 1024
    /// The most connections served at once; more get a `busy` error line and are closed.
    public var maximumConnections = 512
    /// A connection silent for this long is closed.
    public var idleTimeout = Duration.seconds(300)
    /// The most conversations remembered; the least recently used one makes room for a new one.
    public var maximumSessions = 10_000
    /// A conversation silent for this long starts afresh.
    public var sessionTimeToLive = Duration.seconds(30 * 60)
    /// Event-loop threads serving connections; nil: one per CPU.
    public var threads: Int?
    /// For watchdog tests only: SIGUSR2 wedges every event loop.
    public var wedgeOnSIGUSR2 = false

    public init(knowledgeLayers: [String], models: ModelStore) {
        self.knowledgeLayers = knowledgeLayers
        self.models = models
    }
}
