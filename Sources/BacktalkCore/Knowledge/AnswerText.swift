/// What an intent says: the direct answer a chat line can carry, then the rest.
public struct AnswerText: Sendable, Equatable {
    /// The direct answer, in one or two sentences; read first.
    public var summary: String
    /// The rest of the answer: detail, evidence and what to do.
    public var text: String

    public init(summary: String, text: String) {
        self.summary = summary
        self.text = text
    }

    /// The most words a summary may have.
    public static let summaryWordLimit = 40
    /// The most words the rest of an answer may have.
    public static let textWordLimit = 130

    /// The words of `text` as a reader counts them: runs between white space that hold a letter or a digit
    /// (a list's `-` is not a word).
    public static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count { $0.contains { $0.isLetter || $0.isNumber } }
    }
}
