import BacktalkCore
import BacktalkProtocol
import Foundation
import Logging

/// A knowledge base in service: its trained answerer, its reply encoder and when it was loaded.
/// Immutable; a reload makes a new snapshot and swaps it in whole.
public final class KnowledgeSnapshot: Sendable {
    public let answerer: Answerer
    public let encoder: ReplyEncoder
    /// When it was loaded, as an ISO 8601 date (formatted once, for `status`).
    public let loadedAt: String
    /// Seconds spent reading, validating and training or loading the model.
    public let loadSeconds: Double
    /// The knowledge base folders it was read from, in order.
    public let layers: [String]
    /// Where the model came from: a model file, the cache, or training.
    public let modelSource: ModelStore.Source
    /// Model files found but not used, and a cache that could not be written: one line each, for the log.
    public let modelNotes: [String]

    /// Loads and validates the knowledge base in the folders `layers`, and takes its model from `replacing`
    /// (the snapshot in service, at a reload) or `models`, or trains it.
    /// - Throws: ``KnowledgeBaseError`` with every problem found.
    public init(
        layers: [String], policy: AnswerPolicy, models: ModelStore, replacing: KnowledgeSnapshot? = nil
    ) throws(KnowledgeBaseError) {
        let start = ContinuousClock.now
        let knowledge = try KnowledgeBaseLoader.load(layers: layers)
        var notes: [String] = []
        let model: TrainedModel
        let source: ModelStore.Source
        do {
            (model, source) = try models.model(
                for: knowledge, layers: layers, options: .withOutOfScopeClass, inService: replacing?.answerer.model,
                notes: &notes)
        } catch {
            throw KnowledgeBaseError(problems: [
                KnowledgeBaseProblem(file: layers.joined(separator: " and "), line: 0, column: 0, message: error.description)
            ])
        }
        answerer = Answerer(knowledge: knowledge, model: model, policy: policy)
        encoder = ReplyEncoder(knowledge: knowledge)
        loadedAt = UTCTimestamp.now()
        loadSeconds = (ContinuousClock.now - start).inSeconds
        self.layers = layers
        modelSource = source
        modelNotes = notes
    }

    /// What the journal's one line at start or reload says after `event` ("serving", "reloaded"): intents,
    /// questions, layers and seconds, in the message itself so that plain `journalctl` shows them.
    public func logLine(_ event: String) -> String {
        let knowledge = answerer.knowledge
        let seconds = String(format: "%.2f", loadSeconds)
        return "\(event): \(knowledge.intents.count) intents, \(knowledge.questionCount(.english)) English and "
            + "\(knowledge.questionCount(.danish)) Danish training questions from \(layers.joined(separator: " + ")), "
            + "\(modelDescription) in \(seconds) s"
    }

    /// How the model was got, for the log line.
    private var modelDescription: String {
        switch modelSource {
        case .trained: "trained"
        case .service: "the model in service kept"
        case .file, .cache: "model from the \(modelSource.rawValue)"
        }
    }

    /// The structured fields that go with ``logLine(_:)``.
    public var logMetadata: Logger.Metadata {
        [
            "knowledge.summary": "\(answerer.knowledge.summary)",
            "knowledge.digest": "\(answerer.knowledge.digest)",
            "knowledge.load_seconds": "\(String(format: "%.3f", loadSeconds))",
            "knowledge.layers": "\(layers.joined(separator: " "))",
            "model.source": "\(modelSource.rawValue)",
            "model.fingerprint": "\(answerer.model.fingerprint)",
        ]
    }
}
