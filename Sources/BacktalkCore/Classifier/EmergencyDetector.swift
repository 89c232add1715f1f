/// Tells a question about an emergency from an ordinary one that shares its words: a two-class logistic
/// regression over the intent classifier's features, trained at load on the questions of the intents that
/// have red-flag phrases (emergencies) against every other training question, the out-of-scope examples
/// and those intents' `near_misses` ("had a fever last month, all gone", "my uncle had bowel cancer").
///
/// The intent classifier answers which topic a question is about; this answers only whether it is an
/// emergency, so the near misses teach it the line without being filed under a topic (docs/CLASSIFIER.md).
struct EmergencyDetector: Sendable {
    private let model: SoftmaxRegression
    /// The model's class index of emergencies.
    private static let emergency = 1

    /// Trains on `emergencies` and `ordinary` questions, vectorised by `classifier`'s features.
    init(classifier: IntentClassifier, emergencies: [String], ordinary: [String], options: TrainingOptions) {
        var scratch = ClassifierScratch()
        var vectors: [SparseVector] = []
        var labels: [Int] = []
        for (texts, label) in [(ordinary, 0), (emergencies, Self.emergency)] {
            for text in texts {
                scratch.setText(text)
                classifier.vectorizer.vectorize(&scratch)
                vectors.append(scratch.vector)
                labels.append(label)
            }
        }
        model = SoftmaxRegression(
            examples: vectors, labels: labels, classCount: 2, featureCount: classifier.vectorizer.featureCount,
            options: options)
    }

    /// The probability that the question last classified with `scratch` is about an emergency; reads the
    /// vector ``IntentClassifier/classify(_:)`` left there.
    func emergencyProbability(_ scratch: inout ClassifierScratch) -> Float {
        model.probabilities(of: scratch.vector, certainty: scratch.knownShare, into: &scratch.emergencyScores)
        return scratch.emergencyScores[Self.emergency]
    }
}
