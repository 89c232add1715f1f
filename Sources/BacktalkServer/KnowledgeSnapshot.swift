import BacktalkCore
import Foundation

/// A knowledge base in service: its trained answerer, its reply encoder and when it was loaded.
/// Immutable; a reload makes a new snapshot and swaps it in whole.
public final class KnowledgeSnapshot: Sendable {
    public let answerer: Answerer
    public let encoder: ReplyEncoder
    /// When it was loaded, as an ISO 8601 date (formatted once, for `status`).
    public let loadedAt: String
    /// Seconds spent reading, validating and training.
    public let loadSeconds: Double

    /// Loads and validates the knowledge base in the folders `layers` and trains on it.
    /// - Throws: ``KnowledgeBaseError`` with every problem found.
    public init(layers: [String], policy: AnswerPolicy) throws(KnowledgeBaseError) {
        let start = ContinuousClock.now
        let knowledge = try KnowledgeBaseLoader.load(layers: layers)
        answerer = Answerer(knowledge: knowledge, policy: policy)
        encoder = ReplyEncoder(knowledge: knowledge)
        loadedAt = ISO8601DateFormatter().string(from: Date())
        loadSeconds = (ContinuousClock.now - start).inSeconds
    }
}
