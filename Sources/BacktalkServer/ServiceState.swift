import BacktalkCore
import Foundation
import NIOConcurrencyHelpers
import Synchronization

/// The state every connection shares: the knowledge snapshot in service, the counters and the queue of
/// reloads.
public final class ServiceState: Sendable {
    private let current: NIOLockedValueBox<KnowledgeSnapshot>
    private let served = Atomic<Int>(0)
    private let counters = NIOLockedValueBox(ServerCounters())
    private let startedAt = ContinuousClock.now
    private let sessions: NIOLockedValueBox<SessionStore>
    /// Reloads asked for by SIGHUP or a `reload` request, done one at a time by ``KnowledgeReloader``.
    let reloadJobs: AsyncStream<ReloadJob>
    private let reloadQueue: AsyncStream<ReloadJob>.Continuation

    public init(snapshot: KnowledgeSnapshot, sessions: SessionStore = SessionStore()) {
        current = NIOLockedValueBox(snapshot)
        self.sessions = NIOLockedValueBox(sessions)
        (reloadJobs, reloadQueue) = AsyncStream.makeStream(of: ReloadJob.self)
    }

    /// The snapshot in service; a request keeps the one it started with.
    public var snapshot: KnowledgeSnapshot { current.withLockedValue { $0 } }

    /// Puts `snapshot` into service for every request that starts after this.
    public func replace(with snapshot: KnowledgeSnapshot) {
        current.withLockedValue { $0 = snapshot }
    }

    /// Answers `text` as the next turn of the conversation `session` with `answerer`. The lock is held
    /// only to read and to store the session's context, not while answering; two turns of one session at
    /// the same time both see the context before them, and the later one is kept.
    func answer(
        _ text: String, language: Language?, session: String, answerer: Answerer, scratch: inout ClassifierScratch
    ) -> Answer {
        let digest = answerer.knowledge.digest
        var context = sessions.withLockedValue { $0.context(of: session, knowledgeDigest: digest, now: .now) }
        let answer = answerer.answer(text, language: language, session: &context, scratch: &scratch)
        sessions.withLockedValue { $0.store(context, for: session, now: .now) }
        return answer
    }

    /// Asks for a reload; `completion` gets its outcome.
    func requestReload(completion: (@Sendable (ReloadOutcome) -> Void)? = nil) {
        reloadQueue.yield(ReloadJob(completion: completion))
    }

    /// Counts a new connection if fewer than `limit` are open; false when it must be refused.
    func admitConnection(limit: Int) -> Bool {
        counters.withLockedValue { counters in
            guard counters.connectionsOpen < limit else {
                counters.connectionsRefused += 1
                return false
            }
            counters.connectionsOpen += 1
            counters.connectionsTotal += 1
            return true
        }
    }

    /// Counts a connection closed.
    func releaseConnection() {
        counters.withLockedValue { $0.connectionsOpen -= 1 }
    }

    /// The requests answered so far.
    public var requestsServed: Int { served.load(ordering: .relaxed) }

    /// A copy of the counters, the sessions' included.
    public var currentCounters: ServerCounters {
        var copy = counters.withLockedValue { $0 }
        (copy.sessionsOpen, copy.sessionsEvicted, copy.sessionsExpired) = sessions.withLockedValue {
            ($0.count, $0.evicted, $0.expired)
        }
        return copy
    }

    /// Updates the counters.
    func count(_ update: (inout ServerCounters) -> Void) {
        counters.withLockedValue { update(&$0) }
    }

    /// Counts one request of `type`, and whatever else `update` counts, under one lock.
    func countRequest(_ type: String, _ update: (inout ServerCounters) -> Void = { _ in }) {
        served.add(1, ordering: .relaxed)
        counters.withLockedValue { counters in
            counters.requests[type, default: 0] += 1
            update(&counters)
        }
    }

    /// One line for `systemctl status`: what is served and how much.
    public var statusLine: String {
        let knowledge = snapshot.answerer.knowledge
        return "serving \(knowledge.intents.count) intents (knowledge \(knowledge.digest)), \(requestsServed) requests answered"
    }

    /// What a `status` request reports.
    func status(of snapshot: KnowledgeSnapshot) -> ServerStatus {
        ServerStatus(
            version: BacktalkVersion.current,
            loadedAt: snapshot.loadedAt,
            loadSeconds: snapshot.loadSeconds,
            uptimeSeconds: (ContinuousClock.now - startedAt).inSeconds,
            requestsServed: requestsServed)
    }
}

/// One reload to do.
struct ReloadJob: Sendable {
    /// Told the outcome; nil for a SIGHUP.
    var completion: (@Sendable (ReloadOutcome) -> Void)?
}

/// How a reload ended.
enum ReloadOutcome: Sendable {
    case reloaded(KnowledgeSnapshot)
    case refused(KnowledgeBaseError)
}
