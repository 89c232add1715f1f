/// Every red-flag phrase of a knowledge base, compiled so that a question is compared with the spellings
/// that start with its words' letters and then with the few phrases whose first word it has.
///
/// Matching a question: each of its words is compared with the spellings of the same first letter (whole
/// words exactly or, from five letters, with one substitution, insertion, deletion or swap; prefixes by
/// their start), which marks the terms the question has. A phrase matches when all its required terms
/// are marked and none of its excluded ones; the first such phrase in knowledge-base order wins.
struct RedFlagMatcher: Sendable {
    private struct Spelling: Sendable {
        var bytes: [UInt8]
        var isPrefix: Bool
        var term: Int
    }

    private struct Phrase: Sendable {
        var required: [Int]
        var excluded: [Int]
        var intent: Int
    }

    /// Words shorter than this must be spelled right.
    static let typoToleranceLength = 5

    /// The spellings of every term, by their first byte.
    private let spellingsByInitial: [[Spelling]]
    private let phrases: [Phrase]
    /// The phrases whose first required term is the term, in knowledge-base order.
    private let phrasesByAnchor: [[Int]]
    /// How many distinct terms the phrases use.
    let termCount: Int

    init(_ compiled: [(phrase: RedFlagPhrase, intent: Int)]) {
        var termIDs: [RedFlagPhrase.Term: Int] = [:]
        var spellingsByInitial = [[Spelling]](repeating: [], count: 256)
        func id(of term: RedFlagPhrase.Term) -> Int {
            if let known = termIDs[term] { return known }
            let new = termIDs.count
            termIDs[term] = new
            for spelling in term.spellings {
                spellingsByInitial[Int(spelling.bytes[0])].append(Spelling(bytes: spelling.bytes, isPrefix: spelling.isPrefix, term: new))
            }
            return new
        }
        phrases = compiled.map { entry in
            Phrase(required: entry.phrase.required.map(id), excluded: entry.phrase.excluded.map(id), intent: entry.intent)
        }
        var phrasesByAnchor = [[Int]](repeating: [], count: termIDs.count)
        for (index, phrase) in phrases.enumerated() { phrasesByAnchor[phrase.required[0]].append(index) }
        self.phrasesByAnchor = phrasesByAnchor
        self.spellingsByInitial = spellingsByInitial
        termCount = termIDs.count
    }

    /// The intent of the first phrase `words` (a normalised question's) match, using `found` as scratch.
    func intent(matching words: [UnsafeBufferPointer<UInt8>], found: inout RedFlagTerms) -> Int? {
        guard !phrases.isEmpty else { return nil }
        found.reset(termCount: termCount)
        for word in words {
            for spelling in spellingsByInitial[Int(word[0])] where !found.contains(spelling.term) {
                if spelling.bytes.withUnsafeBufferPointer({ Self.matches(spelling: $0, prefix: spelling.isPrefix, word: word) }) {
                    found.insert(spelling.term)
                }
            }
        }
        var first: Int?
        for term in found.inserted {
            for index in phrasesByAnchor[term] {
                if let first, first <= index { break }
                let phrase = phrases[index]
                if phrase.required.allSatisfy(found.contains) && !phrase.excluded.contains(where: found.contains) {
                    first = index
                    break
                }
            }
        }
        return first.map { phrases[$0].intent }
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

/// The terms a question has, as found by ``RedFlagMatcher``: reused between questions without allocating
/// once grown.
struct RedFlagTerms {
    private var bits: [UInt64] = []
    /// The terms found, in the order found.
    private(set) var inserted: [Int] = []

    mutating func reset(termCount: Int) {
        let words = (termCount + 63) / 64
        if bits.count != words { bits = [UInt64](repeating: 0, count: words) }
        for term in inserted { bits[term >> 6] = 0 }
        inserted.removeAll(keepingCapacity: true)
    }

    func contains(_ term: Int) -> Bool { bits[term >> 6] & (1 << UInt64(term & 63)) != 0 }

    mutating func insert(_ term: Int) {
        bits[term >> 6] |= 1 << UInt64(term & 63)
        inserted.append(term)
    }
}
