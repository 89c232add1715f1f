import BacktalkProtocol

/// What a conversation remembers between turns: intent indexes and a language, never question text.
public struct SessionContext: Sendable {
    /// The digest of the knowledge base the indexes below point into; another one starts afresh.
    var knowledgeDigest: String
    /// The language of the last reply.
    public internal(set) var language: Language?
    /// The language asked for ("in Danish please"); it wins over the language a question is in.
    public internal(set) var chosenLanguage: Language?
    /// The intent answered last.
    public internal(set) var lastIntent: Int?
    /// The context of the last answer, when it was specific to one.
    public internal(set) var lastContext: Int?
    /// Whether the rest of the last answer was given too ("more"), or the answer is shown whole (safety).
    public internal(set) var lastAnswerGivenWhole = false
    /// What the last reply offered, numbered from 1: follow-ups or the fallback's suggestions.
    public internal(set) var offered: [Int] = []
    /// The two intents a clarification asked to choose between, until the next turn.
    public internal(set) var pendingChoice: (first: Int, second: Int)?

    /// A conversation that has not started, about the knowledge base with `knowledgeDigest`.
    public init(knowledgeDigest: String) {
        self.knowledgeDigest = knowledgeDigest
    }
}
