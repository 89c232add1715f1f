/// A red-flag phrase as written in the knowledge base: words that must all occur in a question, in any
/// order, and words that must not (`-asleep`).
///
/// A word written with a trailing `*` matches every word that starts with it; a whole word of five or
/// more letters also matches with one typo after its first letter (see ``RedFlagMatcher``). Words joined
/// by `|` are alternatives, any one of which counts (`soil*|wet* myself|himself|herself`). A word with
/// ø or å also matches when typed with o or a ("følelsesløs" matches "folelseslos" as well as
/// "foelelsesloes"); æ does not, since "kræft" typed so is "kraft" (strength).
struct RedFlagPhrase: Sendable {
    /// One word of a phrase: the normalised spellings that count as it.
    struct Term: Sendable, Hashable {
        var spellings: [Spelling]
    }

    /// A normalised spelling of a term, matched as a whole word or as the start of one.
    struct Spelling: Sendable, Hashable {
        var bytes: [UInt8]
        var isPrefix: Bool
    }

    /// Why a phrase cannot be compiled, as an administrator reads it.
    enum Problem: Error, Equatable {
        case noRequiredWord
        case alternativeIsNotOneWord(String)

        var advice: String {
            switch self {
            case .noRequiredWord:
                "has no word to match; write words, optionally ending in '*' "
                    + "(a word starting with '-' only rules a question out)"
            case .alternativeIsNotOneWord(let alternative):
                "has the alternative '\(alternative)', which is not one word; "
                    + "give each word of 'a|b|c' as letters and digits only"
            }
        }
    }

    /// Words the question must have.
    let required: [Term]
    /// Words the question must not have.
    let excluded: [Term]

    /// Compiles `phrase`.
    init(_ phrase: String) throws(Problem) {
        var required: [Term] = []
        var excluded: [Term] = []
        for word in phrase.split(whereSeparator: { $0.isWhitespace }) {
            let isExcluded = word.hasPrefix("-") && word.count > 1
            let terms = try Self.terms(isExcluded ? word.dropFirst() : word[...])
            if isExcluded { excluded += terms } else { required += terms }
        }
        guard !required.isEmpty else { throw .noRequiredWord }
        self.required = required
        self.excluded = excluded
    }

    /// The terms one written word stands for. A plain word may normalise to several ("a&e" is "a e"), of
    /// which only the last keeps the `*`; each alternative of `a|b` must normalise to one word.
    private static func terms(_ word: Substring) throws(Problem) -> [Term] {
        let alternatives = word.split(separator: "|")
        if alternatives.count == 1 {
            return spellingParts(alternatives[0]).map { Term(spellings: $0) }
        }
        guard !alternatives.isEmpty else { throw .alternativeIsNotOneWord(String(word)) }
        var spellings: [Spelling] = []
        for alternative in alternatives {
            let parts = spellingParts(alternative)
            guard parts.count == 1 else { throw .alternativeIsNotOneWord(String(alternative)) }
            spellings += parts[0]
        }
        return [Term(spellings: spellings)]
    }

    /// The spellings of each part `written` normalises to: as written and, where different, with ø and å
    /// typed plainly.
    private static func spellingParts(_ written: Substring) -> [[Spelling]] {
        let isPrefix = written.hasSuffix("*")
        let text = isPrefix ? written.dropLast() : written
        let parts = normalizedParts(String(text))
        let typedPlainly = normalizedParts(String(text.map { plainDanishLetters[$0] ?? $0 }))
        return parts.enumerated().map { index, part in
            let prefix = isPrefix && index == parts.count - 1
            var spellings = [Spelling(bytes: part, isPrefix: prefix)]
            if typedPlainly.count == parts.count && typedPlainly[index] != part {
                spellings.append(Spelling(bytes: typedPlainly[index], isPrefix: prefix))
            }
            return spellings
        }
    }

    private static func normalizedParts(_ word: String) -> [[UInt8]] {
        var bytes: [UInt8] = []
        TextNormalizer.normalize(word, into: &bytes)
        return bytes.split(separator: 0x20).map(Array.init)
    }

    /// How people without a Danish keyboard often type ø and å, besides oe and aa.
    private static let plainDanishLetters: [Character: Character] = ["ø": "o", "å": "a", "Ø": "O", "Å": "A"]
}
