import BacktalkCore
import BacktalkProtocol

extension EmergencyDetector {
    /// Trains on `emergencies` and `ordinary` questions, vectorised by the intent classifier's `vectorizer`
    /// without the words `scope` takes back.
    init(
        vectorizer: TfIdfVectorizer, scope: RedFlagScope, emergencies: [String], ordinary: [String],
        options: TrainingOptions
    ) {
        let extractor = FeatureExtractor()
        var scratch = ClassifierScratch()
        var vectors: [SparseVector] = []
        var labels: [Int] = []
        for (texts, label) in [(ordinary, 0), (emergencies, EmergencyDetector.emergency)] {
            for text in texts {
                scratch.setText(text)
                scratch.markScope(scope, extractor: extractor)
                scratch.withTakenBackWordsDropped { vectorizer.vectorize(&$0) }
                vectors.append(scratch.vector)
                labels.append(label)
            }
        }
        self.init(
            model: SoftmaxRegression(
                examples: vectors, labels: labels, classCount: 2, featureCount: vectorizer.featureCount,
                options: options),
            vectorizer: vectorizer)
    }
}
