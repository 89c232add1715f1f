/// A text with the label it should get, for training and evaluation.
public struct LabelledText: Sendable, Hashable {
    public var text: String
    public var label: String
    /// For a message that asks two questions, the label of the second (`also` in an evaluation file).
    public var also: String?

    public init(text: String, label: String, also: String? = nil) {
        self.text = text
        self.label = label
        self.also = also
    }
}

/// A label index with its probability.
public struct ScoredLabel: Sendable, Equatable {
    /// Index into ``IntentClassifier/labels``.
    public var label: Int
    /// Probability in 0...1.
    public var confidence: Float
}

/// Classifies short texts: TF-IDF over words, word pairs and character n-grams, then multinomial logistic
/// regression. Trained once from labelled texts, deterministic, immutable and safe to share.
///
/// The class scores are scaled by the share of the text's features the training texts knew before they
/// become probabilities, so a question of mostly new words and word pieces (likely out of scope) gets
/// flatter, less confident probabilities, while the order of the labels stays the same.
public struct IntentClassifier: Sendable {
    /// The labels, in the order they first appear in the training texts.
    public let labels: [String]
    let vectorizer: TfIdfVectorizer
    let model: SoftmaxRegression

    /// A trained classifier as a model file holds it.
    package init(labels: [String], vectorizer: TfIdfVectorizer, model: SoftmaxRegression) {
        self.labels = labels
        self.vectorizer = vectorizer
        self.model = model
    }

    /// Classifies the text already set in `scratch` (see ``ClassifierScratch/setText(_:)``): the most
    /// probable label; every label's probability is then in ``ClassifierScratch/probabilities``.
    @discardableResult
    public func classify(_ scratch: inout ClassifierScratch) -> ScoredLabel {
        classify(&scratch, range: nil)
    }

    /// Classifies the bytes in `range` of the normalised text set in `scratch`, or all of it.
    @discardableResult
    func classify(_ scratch: inout ClassifierScratch, range: Range<Int>?) -> ScoredLabel {
        vectorizer.vectorize(&scratch, range: range)
        model.probabilities(of: scratch.vector, certainty: scratch.knownShare, into: &scratch.scores)
        var best = ScoredLabel(label: 0, confidence: scratch.scores[0])
        for (label, probability) in scratch.scores.enumerated() where probability > best.confidence {
            best = ScoredLabel(label: label, confidence: probability)
        }
        return best
    }

    /// Classifies `text`: the most probable label.
    public func classify(_ text: String) -> ScoredLabel {
        var scratch = ClassifierScratch()
        scratch.setText(text)
        return classify(&scratch)
    }
}
