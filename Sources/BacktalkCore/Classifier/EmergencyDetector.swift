/// Tells a question about an emergency from an ordinary one that shares its words: a two-class logistic
/// regression over the intent classifier's features, trained at load on the questions of the intents that
/// have red-flag phrases (emergencies) against every other training question, the out-of-scope examples
/// and those intents' `near_misses` ("had a fever last month, all gone", "my uncle had bowel cancer").
///
/// The intent classifier answers which topic a question is about; this answers only whether it is an
/// emergency, so the near misses teach it the line without being filed under a topic (docs/CLASSIFIER.md).
///
/// It reads a question without the words that the red-flag scope denies or puts in the past ("no fever",
/// "a fall three years ago, fully recovered"), in training and in answering alike (``RedFlagScope``).
package struct EmergencyDetector: Sendable {
    let model: SoftmaxRegression
    private let vectorizer: TfIdfVectorizer
    /// The model's class index of emergencies.
    package static let emergency = 1

    /// A trained detector over the intent classifier's features (its `vectorizer`).
    package init(model: SoftmaxRegression, vectorizer: TfIdfVectorizer) {
        self.model = model
        self.vectorizer = vectorizer
    }

    /// The probability that the question last classified with `scratch` is about an emergency; reads the
    /// vector ``IntentClassifier/classify(_:)`` left there, or, where the scope marks (computed for the
    /// same text by the red-flag check) take words back, the vector of the words left.
    func emergencyProbability(_ scratch: inout ClassifierScratch) -> Float {
        if scratch.hasTakenBackWords {
            scratch.withTakenBackWordsDropped { vectorizer.vectorize(&$0) }
        }
        model.probabilities(of: scratch.vector, certainty: scratch.knownShare, into: &scratch.emergencyScores)
        return scratch.emergencyScores[Self.emergency]
    }
}
