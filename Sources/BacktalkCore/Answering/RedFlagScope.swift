/// Takes red-flag words back where their clause denies them or puts them in the past: "no numbness",
/// "ingen feber", "had a car accident three years ago, fully recovered" set off no alarm, while "no
/// feeling down there" and "I can't pee" still do.
///
/// A clause ends at punctuation (`. , ; : ! ?`, brackets, a new line; see ``TextNormalizer``) and before
/// a clause-break word ("but", "men"); a sentence ends at `. ; ! ?` and a new line. In a clause, every
/// word after a denial word is denied, unless the denial is followed by a word that makes it the symptom
/// ("no feeling", "ingen kontrol"); every word of a clause with a past cue is past, and a cue that says
/// it is over ("all better now") also makes the earlier clauses of its sentence past ("had a fever two
/// weeks ago, all better now"). Phrases whose own words deny ("can't pee") are not taken back by a
/// denial (``RedFlagMatcher``), and a rule with `past_counts` is not taken back by the past.
package struct RedFlagScope: Sendable {
    /// What the scope says about one word of a question.
    struct Marks: OptionSet, Sendable {
        let rawValue: UInt8
        static let denied = Marks(rawValue: 1)
        static let past = Marks(rawValue: 2)
        /// Past because a cue says it is over ("all better now"), which the emergency detector also drops.
        static let over = Marks(rawValue: 4)
        /// The first word of a sentence after the first: a phrase's words must stand in one sentence.
        static let startsSentence = Marks(rawValue: 8)
        /// The marks that take a phrase's words back.
        static let all: Marks = [.denied, .past]
    }

    private let denial: WordSet
    private let symptomAfterDenial: WordSet
    private let clauseBreaks: WordSet
    private let listJoins: WordSet
    /// The most words a clause after a comma may have for a denial to reach into it as a list's end.
    static let longestListEnd = 4
    /// Each past cue as its words, in order.
    private let pastCues: CueList
    /// Each cue that something is over, as its words.
    private let overCues: CueList

    package init(_ words: RedFlagScopeWords) {
        denial = WordSet(words.denial)
        symptomAfterDenial = WordSet(words.symptomAfterDenial)
        clauseBreaks = WordSet(words.clauseBreaks)
        listJoins = WordSet(words.listJoins)
        pastCues = CueList(words.past)
        overCues = CueList(words.over)
    }

    /// Whether `spelling` (normalised) is a denial word, so that a phrase holding it is about a missing
    /// function ("cant pee") rather than a denied symptom.
    func isDenial(_ spelling: [UInt8]) -> Bool {
        spelling.withUnsafeBufferPointer { denial.contains($0) }
    }

    /// Marks each of `words` (the words of a normalised text, whose clauses start as `clauseStarts` says,
    /// see ``TextNormalizer/normalize(_:into:clauseStarts:)``, counted from `base`) as denied or past,
    /// and the first word of each sentence after the first, into `marks`.
    func mark(
        _ words: [UnsafeBufferPointer<UInt8>], base: UnsafePointer<UInt8>?, clauseStarts: [Int], into marks: inout [Marks]
    ) {
        marks.removeAll(keepingCapacity: true)
        guard !words.isEmpty, let base else { return }
        var nextBreak = 0
        var clauseStart = 0
        var sentenceStart = 0
        var clauseStartsSentence = false
        // Whether the clause before ended denying and a comma (not a sentence end or a break word) ended it.
        var denialReachesOn = false
        var index = 0
        while index <= words.count {
            var endsClause = index == words.count
            var endsSentence = endsClause
            var endsByComma = false
            if index < words.count {
                let offset = words[index].baseAddress! - base
                while nextBreak < clauseStarts.count && ClauseStart.offset(clauseStarts[nextBreak]) <= offset {
                    endsClause = true
                    if ClauseStart.endsSentence(clauseStarts[nextBreak]) { endsSentence = true }
                    nextBreak += 1
                }
                let startsWithBreak = clauseBreaks.contains(words[index])
                endsByComma = endsClause && !endsSentence && !startsWithBreak
                endsClause = index > clauseStart && (endsClause || startsWithBreak)
            }
            if endsClause {
                let isOver = has(overCues, in: words, clauseStart..<index)
                let past: Marks = isOver ? [.past, .over] : has(pastCues, in: words, clauseStart..<index) ? .past : []
                let clause = clauseStart..<index
                let endsDenying = markClause(
                    words, clause, past: past, denying: denialReachesOn && isListEnd(words, clause), into: &marks)
                denialReachesOn = endsDenying && endsByComma
                if clauseStartsSentence { marks[clauseStart].insert(.startsSentence) }
                if isOver {
                    for earlier in sentenceStart..<clauseStart { marks[earlier].formUnion(past) }
                }
                clauseStart = index
                clauseStartsSentence = endsSentence
                if endsSentence { sentenceStart = index }
            }
            index += 1
        }
    }

    /// Whether the words of `clause` hold one of `cues`.
    private func has(_ cues: CueList, in words: [UnsafeBufferPointer<UInt8>], _ clause: Range<Int>) -> Bool {
        clause.contains { start in
            cues.startingWith(words[start][0]).contains { cue in
                start + cue.count <= clause.upperBound && cue.indices.allSatisfy { cue[$0].matches(words[start + $0]) }
            }
        }
    }

    /// Whether `clause` reads as the end of a list: a few words with a list join ("fever or bladder
    /// problems").
    private func isListEnd(_ words: [UnsafeBufferPointer<UInt8>], _ clause: Range<Int>) -> Bool {
        clause.count <= Self.longestListEnd && clause.contains { listJoins.contains(words[$0]) }
    }

    /// Marks the words of `clause`, denied from the start when `denying`; returns whether a denial still
    /// holds at its end.
    private func markClause(
        _ words: [UnsafeBufferPointer<UInt8>], _ clause: Range<Int>, past: Marks, denying: Bool,
        into marks: inout [Marks]
    ) -> Bool {
        var denying = denying
        for index in clause {
            var mark = past
            if denying { mark.insert(.denied) }
            marks.append(mark)
            if denial.contains(words[index])
                && !(index + 1 < clause.upperBound && symptomAfterDenial.contains(words[index + 1]))
            {
                denying = true
            }
        }
        return denying
    }
}

/// Normalised words, each whole or, written with a trailing `*`, as the start of longer ones, or `#`
/// for any number; matched exactly (no typo allowance).
struct WordSet: Sendable {
    struct Word: Sendable {
        var bytes: [UInt8]
        var isPrefix: Bool

        /// The first bytes a matching word can start with: its own, or every digit for `#`.
        var initials: [UInt8] { bytes.first.map { [$0] } ?? Array(0x30...0x39) }

        func matches(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
            if bytes.isEmpty { return word.allSatisfy { (0x30...0x39).contains($0) } }
            return isPrefix ? word.count >= bytes.count && word.starts(with: bytes) : word.elementsEqual(bytes)
        }
    }

    /// The words, by the first byte of a word they match.
    private let wordsByInitial: [[Word]]

    init(_ written: [String]) {
        var wordsByInitial = [[Word]](repeating: [], count: 256)
        for word in written.flatMap(Self.words(of:)) {
            for initial in word.initials { wordsByInitial[Int(initial)].append(word) }
        }
        self.wordsByInitial = wordsByInitial
    }

    /// The normalised words of `written`, the last keeping its `*`; `#` stands for a number.
    static func words(of written: String) -> [Word] {
        written.split(separator: " ").flatMap { part -> [Word] in
            if part == "#" { return [Word(bytes: [], isPrefix: false)] }
            let isPrefix = part.hasSuffix("*")
            var bytes: [UInt8] = []
            TextNormalizer.normalize(String(isPrefix ? part.dropLast() : part), into: &bytes)
            let pieces = bytes.split(separator: 0x20)
            return pieces.enumerated().map { Word(bytes: Array($1), isPrefix: isPrefix && $0 == pieces.count - 1) }
        }
    }

    /// Whether `word` (a non-empty normalised word) is one of the set.
    func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        wordsByInitial[Int(word[0])].contains { $0.matches(word) }
    }
}

/// Cues of one or more words ("years ago", "for # years"), by the first byte of a word that can start one.
struct CueList: Sendable {
    private let cuesByInitial: [[[WordSet.Word]]]

    init(_ written: [String]) {
        var cuesByInitial = [[[WordSet.Word]]](repeating: [], count: 256)
        for cue in written.map(WordSet.words(of:)) {
            for initial in cue.first?.initials ?? [] { cuesByInitial[Int(initial)].append(cue) }
        }
        self.cuesByInitial = cuesByInitial
    }

    /// The cues whose first word can match a word starting with `initial`.
    func startingWith(_ initial: UInt8) -> [[WordSet.Word]] {
        cuesByInitial[Int(initial)]
    }
}
