import NIOConcurrencyHelpers

/// The knowledge snapshot in service. A request reads it once and keeps that snapshot to the end; a reload
/// swaps in a new one for every request that starts after it.
final class KnowledgeInService: Sendable {
    private let current: NIOLockedValueBox<KnowledgeSnapshot>

    init(_ snapshot: KnowledgeSnapshot) {
        current = NIOLockedValueBox(snapshot)
    }

    /// The snapshot in service.
    var snapshot: KnowledgeSnapshot { current.withLockedValue { $0 } }

    /// Puts `snapshot` into service.
    func replace(with snapshot: KnowledgeSnapshot) {
        current.withLockedValue { $0 = snapshot }
    }
}
