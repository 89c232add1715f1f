import BacktalkCore
import BacktalkProtocol
import Foundation

extension TfIdfVectorizer {
    /// Learns the vocabulary and document frequencies of normalised training texts.
    public init(
        fitting texts: [[UInt8]], extractor: FeatureExtractor, viewWeights: [Float], unknownFeatureWeight: Float
    ) {
        var vocabulary = FeatureVocabulary()
        var documentFrequency: [Int32] = []
        var lastSeenIn: [Int32] = []
        for (document, text) in texts.enumerated() {
            text.withUnsafeBufferPointer { bytes in
                extractor.forEachFeature(in: bytes) { hash, _ in
                    let index = Int(vocabulary.insert(hash))
                    if index == documentFrequency.count {
                        documentFrequency.append(0)
                        lastSeenIn.append(-1)
                    }
                    if lastSeenIn[index] != Int32(document) {
                        lastSeenIn[index] = Int32(document)
                        documentFrequency[index] += 1
                    }
                }
            }
        }
        let documents = Float(texts.count)
        let largestIdf = logf(1 + documents) + 1
        self.init(
            extractor: extractor, vocabulary: vocabulary,
            idf: documentFrequency.map { logf((1 + documents) / (1 + Float($0))) + 1 }, viewWeights: viewWeights,
            unknownFeatureMass: unknownFeatureWeight * largestIdf * largestIdf,
            knownWordGrams: KnownWordGrams(texts, extractor: extractor, vocabulary: vocabulary))
    }
}
