import BacktalkProtocol

/// Reusable buffers for turning text into a vector and scoring it; one per thread or connection keeps the
/// per-question path free of allocation once the buffers have grown.
public struct ClassifierScratch {
    var normalized: [UInt8] = []
    /// Feature indices found in the text, per view.
    var wordIndices: [Int32] = []
    var characterIndices: [Int32] = []
    var vector = SparseVector()
    var scores: [Float] = []
    /// Not an emergency / an emergency, as ``EmergencyDetector`` scores them.
    var emergencyScores: [Float] = [0, 0]
    /// The share (0...1) of the text's feature weight that the vocabulary knows; see ``TfIdfVectorizer``.
    var knownShare: Float = 1
    /// Counts feature occurrences without sorting.
    var counter = FeatureCounter()
    /// Word buffers into `normalized`, valid only inside ``redFlagIntent(_:extractor:)``.
    var words: [UnsafeBufferPointer<UInt8>] = []
    /// The red-flag terms the text has.
    var redFlagTerms = RedFlagTerms()

    public init() {
        normalized.reserveCapacity(512)
        wordIndices.reserveCapacity(128)
        characterIndices.reserveCapacity(512)
        vector.indices.reserveCapacity(1024)
        vector.values.reserveCapacity(1024)
    }
}

extension ClassifierScratch {
    /// Normalises `text` into this scratch, ready for ``IntentClassifier/classify(_:)``.
    public mutating func setText(_ text: String) {
        normalized.removeAll(keepingCapacity: true)
        TextNormalizer.normalize(text, into: &normalized)
    }

    /// The normalised text last set.
    public var normalizedText: [UInt8] { normalized }

    /// Whether the normalised text is a single word.
    var isOneWord: Bool { !normalized.isEmpty && !normalized.contains(0x20) }

    /// The intent of the first red-flag phrase of `matcher` that the normalised text matches, found
    /// without allocating once the buffers have grown.
    mutating func redFlagIntent(_ matcher: RedFlagMatcher, extractor: FeatureExtractor) -> Int? {
        normalized.withUnsafeBufferPointer { text in
            words.removeAll(keepingCapacity: true)
            extractor.forEachWord(in: text) { words.append($0) }
            defer { words.removeAll(keepingCapacity: true) }
            return matcher.intent(matching: words, found: &redFlagTerms)
        }
    }

    /// The probability of each label after ``IntentClassifier/classify(_:)-(ClassifierScratch)``.
    public var probabilities: [Float] { scores }

    /// The `count` most probable labels, best first, leaving out the label `excluded`.
    public func topLabels(_ count: Int, excluding excluded: Int? = nil) -> [ScoredLabel] {
        var top: [ScoredLabel] = []
        top.reserveCapacity(count + 1)
        for (label, probability) in scores.enumerated() where label != excluded {
            guard top.count < count || probability > top[top.count - 1].confidence else { continue }
            var position = top.count
            while position > 0 && top[position - 1].confidence < probability { position -= 1 }
            top.insert(ScoredLabel(label: label, confidence: probability), at: position)
            if top.count > count { top.removeLast() }
        }
        return top
    }
}
