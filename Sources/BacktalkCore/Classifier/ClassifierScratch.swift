import BacktalkProtocol

/// Reusable buffers for turning text into a vector and scoring it; one per thread or connection keeps the
/// per-question path free of allocation once the buffers have grown.
public struct ClassifierScratch {
    package var normalized: [UInt8] = []
    /// Feature indices found in the text, per view.
    var wordIndices: [Int32] = []
    var characterIndices: [Int32] = []
    package var vector = SparseVector()
    var scores: [Float] = []
    /// The probabilities of a message's question sentence, while the whole message is classified.
    var questionScores: [Float] = []
    /// Not an emergency / an emergency, as ``EmergencyDetector`` scores them.
    var emergencyScores: [Float] = [0, 0]
    /// The share (0...1) of the text's feature weight that the vocabulary knows; see ``TfIdfVectorizer``.
    var knownShare: Float = 1
    /// Counts feature occurrences without sorting.
    var counter = FeatureCounter()
    /// The offsets in `normalized` of the words that start a clause after punctuation.
    var clauseStarts: [Int] = []
    /// Word buffers into `normalized`, valid only inside ``redFlagMatch(_:scope:extractor:)``.
    var words: [UnsafeBufferPointer<UInt8>] = []
    /// Whether each word is denied or past.
    var scopeMarks: [RedFlagScope.Marks] = []
    /// The red-flag terms the text has.
    var redFlagTerms = RedFlagTerms()
    /// The whole normalised text while `normalized` holds only the words the scope keeps.
    var unmasked: [UInt8] = []

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
        clauseStarts.removeAll(keepingCapacity: true)
        TextNormalizer.normalize(text, into: &normalized, clauseStarts: &clauseStarts)
    }

    /// The normalised text last set.
    public var normalizedText: [UInt8] { normalized }

    /// The byte range in the normalised text of the sentence that asks the question, when the text has
    /// more than one sentence: the first sentence ending with `?`, else the last one.
    var questionSentence: Range<Int>? {
        var lastStart: Int?
        for encoded in clauseStarts where ClauseStart.endsSentence(encoded) && ClauseStart.offset(encoded) < normalized.count {
            lastStart = ClauseStart.offset(encoded)
        }
        guard let lastStart else { return nil }
        return questionSentence(from: 0) ?? lastStart..<normalized.count
    }

    /// Whether the text asks two questions in sentences of their own ("Does it help? How often?").
    var asksTwoQuestions: Bool {
        guard let first = questionSentence(from: 0) else { return false }
        return questionSentence(from: first.upperBound) != nil
    }

    /// The byte range of the first sentence ending with `?` that starts at byte `from` or later.
    func questionSentence(from: Int) -> Range<Int>? {
        var sentenceStart = 0
        for encoded in clauseStarts where ClauseStart.endsSentence(encoded) {
            let end = ClauseStart.offset(encoded)
            if ClauseStart.endsQuestion(encoded) && sentenceStart >= from {
                // Up to the space before the next sentence, or to the end.
                return sentenceStart..<(end < normalized.count ? end - 1 : end)
            }
            sentenceStart = end
        }
        return nil
    }

    /// Whether the normalised text is a single word.
    var isOneWord: Bool { !normalized.isEmpty && !normalized.contains(0x20) }

    /// The first red-flag phrase of `matcher` that the normalised text matches where `scope` does not take
    /// it back, found without allocating once the buffers have grown.
    mutating func redFlagMatch(
        _ matcher: RedFlagMatcher, scope: RedFlagScope, extractor: FeatureExtractor, onlyRule: Int? = nil
    ) -> RedFlagMatcher.Match? {
        normalized.withUnsafeBufferPointer { text in
            words.removeAll(keepingCapacity: true)
            extractor.forEachWord(in: text) { words.append($0) }
            defer { words.removeAll(keepingCapacity: true) }
            scope.mark(words, base: text.baseAddress, clauseStarts: clauseStarts, into: &scopeMarks)
            return matcher.match(words: words, marks: scopeMarks, found: &redFlagTerms, onlyRule: onlyRule)
        }
    }

    /// Computes the scope marks of the normalised text's words, as ``redFlagMatch(_:scope:extractor:)``
    /// leaves them.
    package mutating func markScope(_ scope: RedFlagScope, extractor: FeatureExtractor) {
        normalized.withUnsafeBufferPointer { text in
            words.removeAll(keepingCapacity: true)
            extractor.forEachWord(in: text) { words.append($0) }
            defer { words.removeAll(keepingCapacity: true) }
            scope.mark(words, base: text.baseAddress, clauseStarts: clauseStarts, into: &scopeMarks)
        }
    }

    /// The scope marks that drop a word from what the emergency detector reads: denied, or in a clause
    /// that says it is over. A word that is only past stays: "breast cancer five years ago" still counts.
    static let droppedForDetector: RedFlagScope.Marks = [.denied, .over]

    /// Whether the scope marks of the text drop any word from what the emergency detector reads.
    var hasTakenBackWords: Bool { scopeMarks.contains { !$0.isDisjoint(with: Self.droppedForDetector) } }

    /// Runs `body` with the normalised text cut to the words the emergency detector reads (see
    /// `droppedForDetector`), then puts the whole text back; the marks must be the current text's.
    package mutating func withTakenBackWordsDropped(_ body: (inout ClassifierScratch) -> Void) {
        swap(&normalized, &unmasked)
        var kept = normalized
        normalized = []
        kept.removeAll(keepingCapacity: true)
        let marks = scopeMarks
        var position = 0
        unmasked.withUnsafeBufferPointer { text in
            FeatureExtractor().forEachWord(in: text) { word in
                if position < marks.count && marks[position].isDisjoint(with: Self.droppedForDetector) {
                    if !kept.isEmpty { kept.append(0x20) }
                    kept.append(contentsOf: word)
                }
                position += 1
            }
        }
        normalized = kept
        body(&self)
        swap(&normalized, &unmasked)
    }

    /// Mixes the question sentence's probabilities (`questionScores`) with the whole message's (`scores`)
    /// by `weight`, into `questionScores`, and returns the most probable label of the mix; ``keepMix()``
    /// makes the mix the probabilities.
    mutating func mixQuestionScores(weight: Float) -> ScoredLabel {
        var best = ScoredLabel(label: 0, confidence: -1)
        for label in scores.indices {
            let mixed = weight * questionScores[label] + (1 - weight) * scores[label]
            questionScores[label] = mixed
            if mixed > best.confidence { best = ScoredLabel(label: label, confidence: mixed) }
        }
        return best
    }

    /// Makes the mix of ``mixQuestionScores(weight:)`` the probabilities.
    mutating func keepMix() {
        swap(&scores, &questionScores)
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
