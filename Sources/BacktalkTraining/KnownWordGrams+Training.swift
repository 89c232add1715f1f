import BacktalkCore
import BacktalkProtocol

extension KnownWordGrams {
    /// The words of the normalised training `texts` with the indices in `vocabulary` of their n-grams.
    init(_ texts: [[UInt8]], extractor: FeatureExtractor, vocabulary: FeatureVocabulary) {
        var numbers = FeatureVocabulary()
        var starts: [Int32] = [0]
        var grams: [Int32] = []
        for text in texts {
            text.withUnsafeBufferPointer { bytes in
                extractor.forEachWordFeature(in: bytes) { word, wordHash, _ in
                    guard numbers.index(of: wordHash) == nil else { return }
                    _ = numbers.insert(wordHash)
                    extractor.forEachCharacterGram(of: word) { grams.append(vocabulary.index(of: $0)!) }
                    starts.append(Int32(grams.count))
                }
            }
        }
        self.init(numbers: numbers, starts: starts, grams: grams)
    }
}
