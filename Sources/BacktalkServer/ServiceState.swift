import BacktalkCore
import BacktalkProtocol

/// What every connection and service of the daemon shares, one part per job: the knowledge in service,
/// the statistics, the conversations and the reload queue.
struct ServiceState: Sendable {
    let knowledge: KnowledgeInService
    let statistics = ServerStatistics()
    let conversations: Conversations
    let reloads = ReloadQueue()

    init(snapshot: KnowledgeSnapshot, sessions: SessionStore = SessionStore()) {
        knowledge = KnowledgeInService(snapshot)
        conversations = Conversations(sessions)
    }

    /// One line for `systemctl status`: what is served and how much.
    var statusLine: String {
        let served = knowledge.snapshot.answerer.knowledge
        return "serving \(served.intents.count) intents (knowledge \(served.digest)), "
            + "\(statistics.requestsServed) requests answered"
    }

    /// Appends the reply to `status`, with `snapshot` the knowledge it is answered with.
    func encodeStatus(of snapshot: KnowledgeSnapshot, id: String?, to output: inout [UInt8]) {
        ReplyWriter.status(
            knowledge: snapshot.encoder.summary(loadSeconds: snapshot.loadSeconds, loadedAt: snapshot.loadedAt),
            uptimeSeconds: statistics.uptime.inSeconds, requestsServed: statistics.requestsServed, id: id, to: &output)
    }

    /// The counters for a `stats` request, the conversations' included.
    var counters: ServerCounters {
        var counters = statistics.current
        (counters.sessionsOpen, counters.sessionsEvicted, counters.sessionsExpired) = conversations.counts
        return counters
    }
}
