/// Every red-flag phrase of a knowledge base's rules, compiled so that a question is compared with the
/// spellings that start with its words' letters and fit their lengths, and then with the few phrases whose
/// first word it has.
///
/// Matching a question: each of its words is compared with the spellings of the same first letter (whole
/// words exactly or, from five letters, with one substitution, insertion, deletion or swap; prefixes by
/// their start), which marks the terms the question has, and where it has them outside a denied or past
/// clause (``RedFlagScope``). A phrase matches when each of its required terms is there and not taken
/// back, and none of its excluded terms is there, all in one sentence; the first such phrase in
/// knowledge-base order wins.
struct RedFlagMatcher: Sendable {
    /// A spelling as compiled: its bytes, at `start` in ``spellingBytes``, with no array of its own, so
    /// that comparing a word with it retains nothing (every event loop shares the matcher).
    private struct Spelling: Sendable {
        var start: Int32
        var length: Int32
        var isPrefix: Bool
        var term: Int32
    }

    private struct Phrase: Sendable {
        var required: [Int]
        var excluded: [Int]
        var rule: Int
        /// The marks that take this phrase's words back: a phrase with a denial word of its own ("cant
        /// pee") is not denied, and a rule whose sign counts when past is not taken back by the past.
        var takenBackBy: RedFlagScope.Marks
    }

    /// Words shorter than this must be spelled right.
    static let typoToleranceLength = 5

    /// The spellings a word can match, slot by slot: a slot for each first byte and length (the last
    /// length standing for every longer one), slot `s` being `spellings[slotStarts[s]..<slotStarts[s + 1]]`.
    private let spellings: [Spelling]
    private let slotStarts: [Int32]
    /// The bytes of every spelling, end to end.
    private let spellingBytes: [UInt8]
    /// The longest word length with a slot of its own.
    private static let longestSlot = 31
    private let phrases: [Phrase]
    /// The phrases whose first required term is the term, in knowledge-base order.
    private let phrasesByAnchor: [[Int]]
    /// How many distinct terms the phrases use.
    let termCount: Int

    /// Compiles `compiled`, each phrase with the index of its rule and whether the rule's sign counts when
    /// past, under `scope`.
    init(_ compiled: [(phrase: RedFlagPhrase, rule: Int, pastCounts: Bool)], scope: RedFlagScope) {
        var termIDs: [RedFlagPhrase.Term: Int] = [:]
        var slots = [[Spelling]](repeating: [], count: 256 * (Self.longestSlot + 1))
        var bytes: [UInt8] = []
        func id(of term: RedFlagPhrase.Term) -> Int {
            if let known = termIDs[term] { return known }
            let new = termIDs.count
            termIDs[term] = new
            for spelling in term.spellings {
                let compiled = Spelling(
                    start: Int32(bytes.count), length: Int32(spelling.bytes.count), isPrefix: spelling.isPrefix,
                    term: Int32(new))
                bytes += spelling.bytes
                for length in 1...Self.longestSlot where Self.canMatch(compiled, wordLength: length) {
                    slots[Self.slot(initial: spelling.bytes[0], length: length)].append(compiled)
                }
            }
            return new
        }
        phrases = compiled.map { entry in
            let deniesItself = entry.phrase.required.contains { $0.spellings.contains { scope.isDenial($0.bytes) } }
            var takenBackBy: RedFlagScope.Marks = []
            if !deniesItself { takenBackBy.insert(.denied) }
            if !entry.pastCounts { takenBackBy.insert(.past) }
            return Phrase(
                required: entry.phrase.required.map(id), excluded: entry.phrase.excluded.map(id), rule: entry.rule,
                takenBackBy: takenBackBy)
        }
        var phrasesByAnchor = [[Int]](repeating: [], count: termIDs.count)
        for (index, phrase) in phrases.enumerated() { phrasesByAnchor[phrase.required[0]].append(index) }
        self.phrasesByAnchor = phrasesByAnchor
        spellings = slots.flatMap { $0 }
        var starts: [Int32] = [0]
        for slot in slots { starts.append(starts[starts.count - 1] + Int32(slot.count)) }
        slotStarts = starts
        spellingBytes = bytes
        termCount = termIDs.count
    }

    /// The slot of the spellings that words of `length` bytes (``longestSlot`` for longer) starting with
    /// `initial` can match.
    private static func slot(initial: UInt8, length: Int) -> Int {
        Int(initial) * (longestSlot + 1) + length
    }

    /// Whether `spelling` can match a word of `wordLength` bytes (the last slot standing for every longer
    /// length too).
    private static func canMatch(_ spelling: Spelling, wordLength: Int) -> Bool {
        let length = Int(spelling.length)
        if wordLength == longestSlot && (spelling.isPrefix || length >= longestSlot - 1) { return true }
        if spelling.isPrefix { return wordLength >= length }
        return wordLength == length || (length >= typoToleranceLength && abs(wordLength - length) <= 1)
    }

    /// The first phrase, in knowledge-base order, that one sentence of `words` (a normalised question's,
    /// with their scope `marks`) matches, with its rule; only the phrases of `onlyRule` when it is given.
    /// `found` is scratch.
    func match(
        words: [UnsafeBufferPointer<UInt8>], marks: [RedFlagScope.Marks], found: inout RedFlagTerms, onlyRule: Int? = nil
    ) -> Match? {
        guard !phrases.isEmpty else { return nil }
        var first: Int?
        found.reset(termCount: termCount)
        for (position, word) in words.enumerated() {
            let marked = position < marks.count ? marks[position] : []
            if marked.contains(.startsSentence) {
                first = firstPhrase(matching: found, before: first, onlyRule: onlyRule)
                found.reset(termCount: termCount)
            }
            let mark = marked.intersection(.all)
            // An occurrence adds nothing when the term already occurs outside every mark this one lacks.
            let unmarked = RedFlagScope.Marks(rawValue: RedFlagScope.Marks.all.rawValue ^ mark.rawValue)
            let slot = Self.slot(initial: word[0], length: min(word.count, Self.longestSlot))
            spellings.withUnsafeBufferPointer { spellings in
                spellingBytes.withUnsafeBufferPointer { bytes in
                    for index in Int(slotStarts[slot])..<Int(slotStarts[slot + 1]) {
                        let spelling = spellings[index]
                        let term = Int(spelling.term)
                        guard !found.contains(term, outside: unmarked) else { continue }
                        let start = Int(spelling.start)
                        let written = UnsafeBufferPointer(rebasing: bytes[start..<start + Int(spelling.length)])
                        if Self.matches(spelling: written, prefix: spelling.isPrefix, word: word) {
                            found.insert(term, marked: mark)
                        }
                    }
                }
            }
        }
        first = firstPhrase(matching: found, before: first, onlyRule: onlyRule)
        return first.map { Match(rule: phrases[$0].rule, phrase: $0) }
    }

    /// A phrase that matched: its index in the order the phrases were compiled, and its rule's.
    struct Match {
        var rule: Int
        var phrase: Int
    }

    /// The first phrase that the terms of one sentence, `found`, match, if it comes before `earlier`.
    private func firstPhrase(matching found: RedFlagTerms, before earlier: Int?, onlyRule: Int?) -> Int? {
        var first = earlier
        for term in found.inserted {
            for index in phrasesByAnchor[term] {
                if let first, first <= index { break }
                let phrase = phrases[index]
                if let onlyRule, phrase.rule != onlyRule { continue }
                if phrase.required.allSatisfy({ found.contains($0, outside: phrase.takenBackBy) })
                    && !phrase.excluded.contains(where: { found.contains($0) })
                {
                    first = index
                    break
                }
            }
        }
        return first
    }

    private static func matches(spelling: UnsafeBufferPointer<UInt8>, prefix: Bool, word: UnsafeBufferPointer<UInt8>) -> Bool {
        if prefix { return word.count >= spelling.count && word.starts(with: spelling) }
        if word.count == spelling.count && word.elementsEqual(spelling) { return true }
        return spelling.count >= typoToleranceLength && abs(word.count - spelling.count) <= 1
            && isWithinOneEdit(spelling, word)
    }

    /// Whether one substitution, insertion, deletion or swap of neighbours turns `a` into `b`.
    static func isWithinOneEdit(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if abs(a.count - b.count) > 1 { return false }
        var i = 0
        while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
        if i == a.count || i == b.count { return abs(a.count - b.count) <= 1 }
        if a.count == b.count {
            if a[(i + 1)...].elementsEqual(b[(i + 1)...]) { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...].elementsEqual(b[(i + 2)...])
        }
        return a.count > b.count ? a[(i + 1)...].elementsEqual(b[i...]) : a[i...].elementsEqual(b[(i + 1)...])
    }
}

/// The terms a question has, as found by ``RedFlagMatcher``, each with the scope marks of the
/// occurrences it has: whether it occurs at all, outside a denial, outside the past, and outside both.
/// Reused between questions without allocating once grown.
struct RedFlagTerms {
    /// One bit set per combination of marks (index: the marks' raw value), `words` words each.
    private var bits: [UInt64] = []
    private var words = 0
    /// The terms found, in the order first found.
    private(set) var inserted: [Int] = []

    mutating func reset(termCount: Int) {
        let needed = (termCount + 63) / 64
        if words != needed {
            words = needed
            bits = [UInt64](repeating: 0, count: 4 * needed)
        }
        for term in inserted {
            for set in 0..<4 { bits[set * words + term >> 6] = 0 }
        }
        inserted.removeAll(keepingCapacity: true)
    }

    /// Whether `term` occurs where none of `marks` applies.
    func contains(_ term: Int, outside marks: RedFlagScope.Marks = []) -> Bool {
        bits[Int(marks.rawValue) * words + term >> 6] & (1 << UInt64(term & 63)) != 0
    }

    /// Records an occurrence of `term` with `marked`: it counts for every set of marks it lies outside.
    mutating func insert(_ term: Int, marked: RedFlagScope.Marks) {
        if !contains(term) { inserted.append(term) }
        for set in 0..<4 where RedFlagScope.Marks(rawValue: UInt8(set)).isDisjoint(with: marked) {
            bits[set * words + term >> 6] |= 1 << UInt64(term & 63)
        }
    }
}
