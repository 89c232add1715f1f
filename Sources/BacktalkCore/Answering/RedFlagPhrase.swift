/// A red-flag phrase as written in the knowledge base: words that must all occur in a question, in any
/// order, and words that must not (`-asleep`).
///
/// A word written with a trailing `*` matches every word that starts with it; a whole word of five or
/// more letters also matches with one typo after its first letter (see ``RedFlagMatcher``). A word with
/// ø or å also matches when typed with o or a ("følelsesløs" matches "folelseslos" as well as
/// "foelelsesloes"); æ does not, since "kræft" typed so is "kraft" (strength).
struct RedFlagPhrase: Sendable {
    /// One word of a phrase: the normalised spellings that count as it.
    struct Term: Sendable, Hashable {
        var spellings: [[UInt8]]
        var isPrefix: Bool
    }

    /// Words the question must have.
    let required: [Term]
    /// Words the question must not have.
    let excluded: [Term]

    /// Compiles `phrase`; nil when it requires no word.
    init?(_ phrase: String) {
        var required: [Term] = []
        var excluded: [Term] = []
        for word in phrase.split(whereSeparator: { $0.isWhitespace }) {
            let isExcluded = word.hasPrefix("-") && word.count > 1
            var text = isExcluded ? word.dropFirst() : word[...]
            let isPrefix = text.hasSuffix("*")
            if isPrefix { text = text.dropLast() }
            for term in Self.terms(String(text), isPrefix: isPrefix) {
                if isExcluded { excluded.append(term) } else { required.append(term) }
            }
        }
        guard !required.isEmpty else { return nil }
        self.required = required
        self.excluded = excluded
    }

    /// The terms one written word stands for: normalisation may split it ("a&e" is "a e"); only the last
    /// part keeps the `*`.
    private static func terms(_ word: String, isPrefix: Bool) -> [Term] {
        let written = parts(word)
        let typedPlainly = parts(String(word.map { plainDanishLetters[$0] ?? $0 }))
        return written.enumerated().map { index, part in
            var spellings = [part]
            if typedPlainly.count == written.count && typedPlainly[index] != part { spellings.append(typedPlainly[index]) }
            return Term(spellings: spellings, isPrefix: isPrefix && index == written.count - 1)
        }
    }

    private static func parts(_ word: String) -> [[UInt8]] {
        var bytes: [UInt8] = []
        TextNormalizer.normalize(word, into: &bytes)
        return bytes.split(separator: 0x20).map(Array.init)
    }

    /// How people without a Danish keyboard often type ø and å, besides oe and aa.
    private static let plainDanishLetters: [Character: Character] = ["ø": "o", "å": "a", "Ø": "O", "Å": "A"]
}
