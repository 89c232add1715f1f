import BacktalkProtocol
import NIOConcurrencyHelpers
import Synchronization

/// What the daemon has done since it started: the connections admitted within the cap, and the counters
/// the `stats` and `status` requests report. Counts and intent ids only, never question text.
final class ServerStatistics: Sendable {
    private let served = Atomic<Int>(0)
    private let counters = NIOLockedValueBox(ServerCounters())
    private let startedAt = ContinuousClock.now

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

    /// Counts one request of `type`, and whatever else `update` counts, under one lock.
    func countRequest(_ type: String, _ update: (inout ServerCounters) -> Void = { _ in }) {
        served.add(1, ordering: .relaxed)
        counters.withLockedValue { counters in
            counters.requests[type, default: 0] += 1
            update(&counters)
        }
    }

    /// Updates the counters.
    func count(_ update: (inout ServerCounters) -> Void) {
        counters.withLockedValue { update(&$0) }
    }

    /// The requests answered so far.
    var requestsServed: Int { served.load(ordering: .relaxed) }

    /// How long the daemon has been up.
    var uptime: Duration { .now - startedAt }

    /// A copy of the counters.
    var current: ServerCounters { counters.withLockedValue { $0 } }
}
