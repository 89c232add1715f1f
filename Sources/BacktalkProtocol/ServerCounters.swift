/// What the daemon has done since it started, for the `stats` request: counts and intent ids only,
/// never question text.
public struct ServerCounters: Sendable, Equatable {
    public var connectionsOpen = 0
    public var connectionsTotal = 0
    /// Connections refused with `busy` because the cap was reached.
    public var connectionsRefused = 0
    /// Requests by type (`ask`, `status`, …); malformed lines count under `error`.
    public var requests: [String: Int] = [:]
    /// Replies to `ask` by kind: `answer`, `fallback`, `clarify`, `safety`.
    public var answers: [String: Int] = [:]
    /// Safety answers by urgency and what decided them: `emergency.phrase`, `urgent.detector`, ….
    public var safetyAnswers: [String: Int] = [:]
    /// Answers by intent id.
    public var intents: [String: Int] = [:]
    /// Error replies by code.
    public var errors: [String: Int] = [:]
    public var reloads = 0
    public var reloadsRefused = 0
    /// Conversations remembered now, dropped to make room, and forgotten after their time to live.
    public var sessionsOpen = 0
    public var sessionsEvicted = 0
    public var sessionsExpired = 0

    public init() {}
}
