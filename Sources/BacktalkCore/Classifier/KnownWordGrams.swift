/// The words of the training texts with the vocabulary indices of their character n-grams, so that a
/// question's known words skip hashing and looking up their n-grams.
package struct KnownWordGrams: Sendable {
    /// Dense word numbers by word hash.
    let numbers: FeatureVocabulary
    /// The n-grams of word `n` are `grams[starts[n]..<starts[n + 1]]`.
    let starts: [Int32]
    let grams: [Int32]

    /// Known words as a model file holds them.
    package init(numbers: FeatureVocabulary, starts: [Int32], grams: [Int32]) {
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
