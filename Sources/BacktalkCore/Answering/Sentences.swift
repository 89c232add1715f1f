/// The sentences of a longer message, so that a story before the question ("I am 83 and recently began
/// having sciatica… What can I do?") neither drowns the question out nor reads like an emergency.
/// A sentence ends at `.`, `!`, `?` or a new line and holds a letter.
enum Sentences {
    /// The sentences of `text`, each with whether it ends with a question mark.
    static func of(_ text: String) -> [(text: Substring, isQuestion: Bool)] {
        var sentences: [(text: Substring, isQuestion: Bool)] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "." || character == "!" || character == "?" || character == "\n" {
                if text[start..<next].contains(where: \.isLetter) {
                    sentences.append((text[start..<next], character == "?"))
                }
                start = next
            }
            index = next
        }
        if text[start...].contains(where: \.isLetter) { sentences.append((text[start...], false)) }
        return sentences
    }

    /// Whether `text` has more than one sentence; cheap, for the per-question path.
    static func areSeveral(in text: String) -> Bool {
        var ended = false
        for character in text {
            if character == "." || character == "!" || character == "?" || character == "\n" {
                ended = true
            } else if character.isLetter {
                if ended { return true }
            } else if !character.isWhitespace {
                ended = false  // "3.5": a decimal point, not the end of a sentence
            }
        }
        return false
    }

    /// The sentence of `sentences` that asks the question: the first one ending with a question mark, else
    /// the last one.
    static func question(among sentences: [(text: Substring, isQuestion: Bool)]) -> Substring? {
        (sentences.first(where: \.isQuestion) ?? sentences.last)?.text
    }
}
