import BacktalkCore
import BacktalkProtocol

extension IntentClassifier {
    /// Trains a classifier on `examples`, which must hold at least two labels.
    public init(training examples: [LabelledText], options: TrainingOptions = TrainingOptions()) {
        let trainingSet = ClassifierTrainingSet(examples, options: options)
        self.init(trainingSet: trainingSet, model: trainingSet.fitModel(options: options))
    }

    /// The classifier `model` makes of `trainingSet`'s features.
    init(trainingSet: ClassifierTrainingSet, model: SoftmaxRegression) {
        self.init(labels: trainingSet.labels, vectorizer: trainingSet.vectorizer, model: model)
    }
}
