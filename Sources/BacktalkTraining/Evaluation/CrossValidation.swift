import BacktalkCore
import BacktalkProtocol

/// Stratified K-fold cross-validation of the classifier over labelled texts: each text is predicted by a
/// model trained on the other folds, as `rasa test nlu --cross-validation` does.
public enum CrossValidation {
    /// The held-out prediction for one text.
    public struct Prediction: Sendable {
        public var expected: String
        public var predicted: String
        public var confidence: Float
        public var text: String
        /// For a message with two questions: the label of the second, and the intent the reply offered
        /// first (nil when it offered none).
        public var also: String? = nil
        public var offeredFirst: String? = nil

        public init(expected: String, predicted: String, confidence: Float, text: String) {
            self.expected = expected
            self.predicted = predicted
            self.confidence = confidence
            self.text = text
        }

        /// The label a user meets at `threshold`: the predicted one, or out-of-scope below the threshold.
        public func label(at threshold: Float) -> String {
            confidence < threshold ? Answerer.outOfScopeLabel : predicted
        }
    }

    /// Predicts every example from a model that did not see it. Folds are stratified by label and fixed by
    /// `options.seed`.
    public static func predictions(
        _ examples: [LabelledText], folds: Int, options: TrainingOptions = TrainingOptions()
    ) -> [Prediction] {
        precondition(folds >= 2, "cross-validation needs at least two folds")
        var fold = [Int](repeating: 0, count: examples.count)
        var byLabel: [String: [Int]] = [:]
        var labelOrder: [String] = []
        for (index, example) in examples.enumerated() {
            if byLabel[example.label] == nil { labelOrder.append(example.label) }
            byLabel[example.label, default: []].append(index)
        }
        var random = SplitMix64(seed: options.seed)
        var next = 0
        for label in labelOrder {
            for index in byLabel[label]!.shuffled(using: &random) {
                fold[index] = next % folds
                next += 1
            }
        }
        var predictions = [Prediction?](repeating: nil, count: examples.count)
        for held in 0..<folds {
            let training = examples.indices.filter { fold[$0] != held }.map { examples[$0] }
            let classifier = IntentClassifier(training: training, options: options)
            var scratch = ClassifierScratch()
            for index in examples.indices where fold[index] == held {
                scratch.setText(examples[index].text)
                let best = classifier.classify(&scratch)
                predictions[index] = Prediction(
                    expected: examples[index].label, predicted: classifier.labels[best.label],
                    confidence: best.confidence, text: examples[index].text)
            }
        }
        return predictions.map { $0! }
    }
}
