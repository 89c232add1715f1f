import BacktalkCore
import Foundation
import Synchronization

/// The state every connection shares: the knowledge snapshot in service and the counters.
public final class ServiceState: Sendable {
    /// The daemon's version, reported by `status`.
    public static let version = "0.1.0"

    private let current: Mutex<KnowledgeSnapshot>
    private let served = Atomic<Int>(0)
    private let startedAt = ContinuousClock.now

    public init(snapshot: KnowledgeSnapshot) {
        current = Mutex(snapshot)
    }

    /// The snapshot in service; a request keeps the one it started with.
    public var snapshot: KnowledgeSnapshot { current.withLock { $0 } }

    /// Puts `snapshot` into service for every request that starts after this.
    public func replace(with snapshot: KnowledgeSnapshot) {
        current.withLock { $0 = snapshot }
    }

    /// Counts one answered request.
    func countRequest() { served.add(1, ordering: .relaxed) }

    /// The requests answered so far.
    public var requestsServed: Int { served.load(ordering: .relaxed) }

    /// One line for `systemctl status`: what is served and how much.
    public var statusLine: String {
        let knowledge = snapshot.answerer.knowledge
        return "serving \(knowledge.intents.count) intents (knowledge \(knowledge.digest)), \(requestsServed) requests answered"
    }

    /// What a `status` request reports.
    func status(of snapshot: KnowledgeSnapshot) -> ServerStatus {
        let uptime = ContinuousClock.now - startedAt
        return ServerStatus(
            version: Self.version,
            loadedAt: ISO8601DateFormatter().string(from: snapshot.loadedAt),
            loadSeconds: snapshot.loadSeconds,
            uptimeSeconds: Double(uptime.components.seconds) + Double(uptime.components.attoseconds) / 1e18,
            requestsServed: requestsServed)
    }
}
