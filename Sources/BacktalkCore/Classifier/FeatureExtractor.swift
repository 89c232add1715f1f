/// Which view of the text a feature belongs to; each view is weighted and normalised on its own.
public enum FeatureView: Int, Sendable, CaseIterable {
    /// Whole words and pairs of neighbouring words.
    case words = 0
    /// Character n-grams of 2 to 4 bytes inside word boundaries, which survive typos and compounds.
    case characters = 1
}

/// Turns normalised text (see ``TextNormalizer``) into hashed features, without allocating.
///
/// A feature is a 64-bit hash of its bytes and its kind, so extraction needs no strings and no dictionary
/// of text; ``FeatureVocabulary`` maps the hashes seen in training to dense indices.
public struct FeatureExtractor: Sendable {
    /// The shortest and longest character n-gram.
    public var characterGrams: ClosedRange<Int> = 2...4

    public init(characterGrams: ClosedRange<Int> = 2...4) {
        self.characterGrams = characterGrams
    }

    /// Calls `body` with every feature of `text`: each word, each pair of neighbouring words, and each
    /// character n-gram of each word padded with a space on both sides.
    package func forEachFeature(
        in text: UnsafeBufferPointer<UInt8>,
        _ body: (_ hash: UInt64, _ view: FeatureView) -> Void
    ) {
        forEachWordFeature(in: text) { word, wordHash, pairHash in
            body(wordHash, .words)
            if let pairHash { body(pairHash, .words) }
            forEachCharacterGram(of: word) { body($0, .characters) }
        }
    }

    /// Calls `body` with each word of `text`, its hash, and the hash of the pair it ends (nil for the first).
    package func forEachWordFeature(
        in text: UnsafeBufferPointer<UInt8>,
        _ body: (_ word: UnsafeBufferPointer<UInt8>, _ wordHash: UInt64, _ pairHash: UInt64?) -> Void
    ) {
        var previousWord: UInt64? = nil
        forEachWord(in: text) { word in
            let wordHash = FeatureHash.bytes(word, seed: FeatureHash.wordSeed)
            body(word, wordHash, previousWord.map { FeatureHash.combine($0, wordHash) })
            previousWord = wordHash
        }
    }

    /// Calls `body` with each space-separated word of normalised text.
    package func forEachWord(in text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        for index in 0...text.count where index == text.count || text[index] == 0x20 {
            if index > start {
                body(UnsafeBufferPointer(rebasing: text[start..<index]))
            }
            start = index + 1
        }
    }

    /// Calls `body` with the hash of each character n-gram of `word` padded with a space on both sides.
    package func forEachCharacterGram(of word: UnsafeBufferPointer<UInt8>, _ body: (UInt64) -> Void) {
        let paddedCount = word.count + 2
        // The byte at position `i` of " word ".
        func padded(_ i: Int) -> UInt8 { i == 0 || i == paddedCount - 1 ? 0x20 : word[i - 1] }
        for length in characterGrams {
            if length > paddedCount {
                if length == characterGrams.lowerBound { break }
                continue
            }
            for start in 0...(paddedCount - length) {
                var hash = FeatureHash.characterSeed &+ UInt64(length)
                for i in start..<(start + length) { hash = FeatureHash.mix(hash, padded(i)) }
                body(FeatureHash.finish(hash))
            }
        }
    }
}

/// The 64-bit hashing behind ``FeatureExtractor``: FNV-1a over bytes with a final avalanche step.
enum FeatureHash {
    static let wordSeed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let characterSeed: UInt64 = 0x8422_2325_cbf2_9ce4

    @inline(__always)
    static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// SplitMix64's finaliser, so that similar inputs spread over the whole table.
    @inline(__always)
    static func finish(_ hash: UInt64) -> UInt64 {
        var z = hash
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = mix(hash, byte) }
        return finish(hash)
    }

    static func combine(_ first: UInt64, _ second: UInt64) -> UInt64 {
        finish(first &* 31 &+ second ^ 0x9e37_79b9_7f4a_7c15)
    }
}
