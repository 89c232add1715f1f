import Foundation

/// A sparse vector: feature indices and their weights, view by view, each index once per view in the order
/// the text first has it (not sorted: the dot products do not need it).
public struct SparseVector: Sendable {
    public var indices: [Int32] = []
    public var values: [Float] = []

    public init() {}

    mutating func removeAll() {
        indices.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }
}

/// TF-IDF weighting of hashed features: sublinear term frequency (1 + ln tf) times smoothed inverse
/// document frequency, each ``FeatureView`` normalised to unit length and then scaled by its weight.
///
/// Unknown features are left out of the vector, but measured: each weighs `unknownFeatureWeight` times the
/// largest inverse document frequency, and ``ClassifierScratch/knownShare`` is the mean over the views of
/// √(known weight² / (known + unknown weight²)), at least 1/64.
public struct TfIdfVectorizer: Sendable {
    public let extractor: FeatureExtractor
    public let vocabulary: FeatureVocabulary
    /// Inverse document frequency of each feature index.
    let idf: [Float]
    /// How much each view counts, indexed by `FeatureView.rawValue`.
    let viewWeights: [Float]
    /// The floor of ``ClassifierScratch/knownShare``: above zero, so that a text of only unknown features
    /// still ranks the labels.
    static let leastKnownShare: Float = 1.0 / 64

    /// The squared weight of one unknown feature.
    let unknownFeatureMass: Float
    /// The character n-grams of every word in the training texts, looked up once at load.
    let knownWordGrams: KnownWordGrams

    /// A vectorizer as a model file holds it.
    package init(
        extractor: FeatureExtractor, vocabulary: FeatureVocabulary, idf: [Float], viewWeights: [Float],
        unknownFeatureMass: Float, knownWordGrams: KnownWordGrams
    ) {
        self.extractor = extractor
        self.vocabulary = vocabulary
        self.idf = idf
        self.viewWeights = viewWeights
        self.unknownFeatureMass = unknownFeatureMass
        self.knownWordGrams = knownWordGrams
    }

    /// The number of features, the length of every vector this vectorizer makes.
    public var featureCount: Int { vocabulary.count }

    /// Writes the vector of `scratch.normalized`, or of its bytes in `range`, into `scratch.vector`. Unknown
    /// features are left out.
    package func vectorize(_ scratch: inout ClassifierScratch, range: Range<Int>? = nil) {
        var words = scratch.wordIndices
        var characters = scratch.characterIndices
        scratch.wordIndices = []
        scratch.characterIndices = []
        words.removeAll(keepingCapacity: true)
        characters.removeAll(keepingCapacity: true)
        scratch.vector.removeAll()
        var unknownWords: Float = 0
        var unknownCharacterGrams: Float = 0
        scratch.normalized.withUnsafeBufferPointer { whole in
            let bytes = range.map { UnsafeBufferPointer(rebasing: whole[$0]) } ?? whole
            extractor.forEachWordFeature(in: bytes) { word, wordHash, pairHash in
                if let index = vocabulary.index(of: wordHash) { words.append(index) } else { unknownWords += 1 }
                if let pairHash {
                    if let index = vocabulary.index(of: pairHash) { words.append(index) } else { unknownWords += 1 }
                }
                if let grams = knownWordGrams.characterGrams(of: wordHash) {
                    characters.append(contentsOf: grams)
                    return
                }
                extractor.forEachCharacterGram(of: word) { hash in
                    if let index = vocabulary.index(of: hash) {
                        characters.append(index)
                    } else {
                        unknownCharacterGrams += 1
                    }
                }
            }
        }
        let knownWordMass = appendWeighted(
            &words, weight: viewWeights[FeatureView.words.rawValue], counter: &scratch.counter, to: &scratch.vector)
        let knownCharacterMass = appendWeighted(
            &characters, weight: viewWeights[FeatureView.characters.rawValue], counter: &scratch.counter,
            to: &scratch.vector)
        let share = (knownShare(knownWordMass, unknown: unknownWords)
            + knownShare(knownCharacterMass, unknown: unknownCharacterGrams)) / 2
        scratch.knownShare = max(share, Self.leastKnownShare)
        scratch.wordIndices = words
        scratch.characterIndices = characters
    }

    /// The known share of one view: √(known weight² / (known + unknown weight²)).
    private func knownShare(_ knownMass: Float, unknown: Float) -> Float {
        let unknownMass = unknown * unknownFeatureMass
        return unknownMass == 0 ? 1 : (knownMass / (knownMass + unknownMass)).squareRoot()
    }

    /// Appends the weighted, normalised features of one view and returns their squared length before
    /// normalising.
    private func appendWeighted(
        _ indices: inout [Int32], weight: Float, counter: inout FeatureCounter, to vector: inout SparseVector
    ) -> Float {
        guard !indices.isEmpty else { return 0 }
        counter.count(indices)
        let start = vector.values.count
        var sumOfSquares: Float = 0
        idf.withUnsafeBufferPointer { idf in
            for (index, occurrences) in zip(counter.distinct, counter.occurrences) {
                let value = (occurrences == 1 ? 1 : 1 + logf(Float(occurrences))) * idf[Int(index)]
                vector.indices.append(index)
                vector.values.append(value)
                sumOfSquares += value * value
            }
        }
        let scale = weight / sumOfSquares.squareRoot()
        vector.values.withUnsafeMutableBufferPointer { values in
            for i in start..<values.count { values[i] *= scale }
        }
        return sumOfSquares
    }
}
