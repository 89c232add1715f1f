import BacktalkCore
import BacktalkServer
import BacktalkTraining
import Foundation

/// The shipped knowledge base and its model, loaded once per test process. The model comes from the cache
/// the daemons under test use (`$XDG_CACHE_HOME/backtalk`, else `~/.cache/backtalk`), or is trained in
/// process once and kept there: a test run trains the shipped knowledge base at most once.
public enum Shipped {
    public static let knowledge: KnowledgeBase = {
        do {
            return try KnowledgeBaseLoader.load(directory: Repository.knowledge)
        } catch {
            fatalError("the shipped knowledge base does not load:\n\(error)")
        }
    }()

    /// Where trained models are kept for every test and daemon of a run.
    public static let models = ModelStore(
        trainer: .inProcess,
        cacheDirectory: ModelStore.cacheDirectory(option: nil, environment: ProcessInfo.processInfo.environment))

    public static let model: TrainedModel = {
        var notes: [String] = []
        do {
            return try models.model(
                for: knowledge, layers: [Repository.knowledge], options: .withOutOfScopeClass, notes: &notes
            ).model
        } catch {
            fatalError("the shipped knowledge base cannot be trained: \(error)")
        }
    }()

    public static let answerer = Answerer(knowledge: knowledge, model: model)

    /// The shipped knowledge base as a daemon serves it, shared by every in-process daemon.
    public static let snapshot: KnowledgeSnapshot = {
        do {
            return try KnowledgeSnapshot(layers: [Repository.knowledge], policy: AnswerPolicy(), models: models)
        } catch {
            fatalError("the shipped knowledge base does not load:\n\(error)")
        }
    }()
}
