import BacktalkCore
import BacktalkProtocol

/// A classifier's training texts as features: the labels in the order they first appear, the vectorizer
/// fitted to the texts, and each text's vector and label index. What ``SoftmaxRegression`` learns from.
struct ClassifierTrainingSet {
    let labels: [String]
    let vectorizer: TfIdfVectorizer
    let vectors: [SparseVector]
    let targets: [Int]

    /// Normalises and vectorises `examples`, which must hold at least two labels.
    init(_ examples: [LabelledText], options: TrainingOptions) {
        var labels: [String] = []
        var labelIndex: [String: Int] = [:]
        var targets: [Int] = []
        for example in examples {
            if labelIndex[example.label] == nil {
                labelIndex[example.label] = labels.count
                labels.append(example.label)
            }
            targets.append(labelIndex[example.label]!)
        }
        precondition(labels.count >= 2, "a classifier needs at least two labels")
        var scratch = ClassifierScratch()
        let normalized = examples.map { example -> [UInt8] in
            scratch.setText(example.text)
            return scratch.normalized
        }
        let vectorizer = TfIdfVectorizer(
            fitting: normalized, extractor: FeatureExtractor(characterGrams: options.characterGrams),
            viewWeights: options.viewWeights, unknownFeatureWeight: options.unknownFeatureWeight)
        vectors = normalized.map { text -> SparseVector in
            scratch.normalized = text
            vectorizer.vectorize(&scratch)
            return scratch.vector
        }
        self.labels = labels
        self.vectorizer = vectorizer
        self.targets = targets
    }

    /// The classifier's weights, trained on these vectors.
    func fitModel(options: TrainingOptions) -> SoftmaxRegression {
        SoftmaxRegression(
            examples: vectors, labels: targets, classCount: labels.count, featureCount: vectorizer.featureCount,
            options: options)
    }
}
