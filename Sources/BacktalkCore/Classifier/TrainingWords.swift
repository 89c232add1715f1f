/// The words of the training texts with the vocabulary indices of their character n-grams, so that a
/// question's known words skip hashing and looking up their n-grams.
struct TrainingWords: Sendable {
    /// Dense word numbers by word hash.
    let numbers: FeatureVocabulary
    /// The n-grams of word `n` are `grams[starts[n]..<starts[n + 1]]`.
    let starts: [Int32]
    let grams: [Int32]

    /// Training words as a model file holds them.
    init(numbers: FeatureVocabulary, starts: [Int32], grams: [Int32]) {
        self.numbers = numbers
        self.starts = starts
        self.grams = grams
    }

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
        self.numbers = numbers
        self.starts = starts
        self.grams = grams
    }

    /// The n-gram indices of the training word with `wordHash`, or nil for a word training never saw.
    func characterGrams(of wordHash: UInt64) -> ArraySlice<Int32>? {
        guard let number = numbers.index(of: wordHash) else { return nil }
        return grams[Int(starts[Int(number)])..<Int(starts[Int(number) + 1])]
    }
}
