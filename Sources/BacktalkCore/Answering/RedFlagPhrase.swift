/// A red-flag phrase ready for matching: its normalised words, each matched exactly or as a prefix.
///
/// Every word must occur in the question, in any order. A word written with a trailing `*` matches every
/// word that starts with it; a word (or prefix) of five or more letters also matches with one typo.
struct RedFlagPhrase: Sendable {
    struct Term: Sendable {
        var bytes: [UInt8]
        var isPrefix: Bool
    }

    /// Words shorter than this must be spelled right.
    static let typoToleranceLength = 5

    let terms: [Term]
    /// The first letter of every term; a question without a word starting with each cannot match.
    let initials: ByteSet

    /// Compiles `phrase`; nil when it holds no word.
    init?(_ phrase: String) {
        var terms: [Term] = []
        for word in phrase.split(whereSeparator: { $0.isWhitespace }) {
            let isPrefix = word.hasSuffix("*")
            var bytes: [UInt8] = []
            TextNormalizer.normalize(String(isPrefix ? word.dropLast() : word), into: &bytes)
            let parts = bytes.split(separator: 0x20)
            for (index, part) in parts.enumerated() {
                terms.append(Term(bytes: Array(part), isPrefix: isPrefix && index == parts.count - 1))
            }
        }
        guard !terms.isEmpty else { return nil }
        self.terms = terms
        var initials = ByteSet()
        for term in terms { initials.insert(term.bytes[0]) }
        self.initials = initials
    }

    /// Whether every term occurs among `words`, the words of a normalised question.
    func matches(words: [UnsafeBufferPointer<UInt8>]) -> Bool {
        terms.allSatisfy { term in
            term.bytes.withUnsafeBufferPointer { termBytes in
                words.contains { Self.matches(term: termBytes, prefix: term.isPrefix, word: $0) }
            }
        }
    }

    private static func matches(term: UnsafeBufferPointer<UInt8>, prefix: Bool, word: UnsafeBufferPointer<UInt8>) -> Bool {
        // Every kind of match needs the same first letter: most words are turned away here.
        guard word.first == term.first else { return false }
        if prefix { return word.count >= term.count && word.starts(with: term) }
        if word.count == term.count && word.elementsEqual(term) { return true }
        return term.count >= typoToleranceLength && abs(word.count - term.count) <= 1 && isWithinOneEdit(term, word)
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
