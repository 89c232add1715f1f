import BacktalkCore
import BacktalkProtocol

extension Answerer {
    /// Trains on `knowledge` (see ``TrainedModel``) and answers with what it learned.
    public convenience init(
        knowledge: KnowledgeBase, policy: AnswerPolicy = AnswerPolicy(), training: TrainingOptions = .withOutOfScopeClass
    ) {
        self.init(knowledge: knowledge, model: TrainedModel(training: knowledge, options: training), policy: policy)
    }
}
