/// What backtalk decided to reply to one question, before it is encoded.
public struct Answer: Sendable, Equatable {
    /// The kind of reply.
    public enum Kind: String, Sendable {
        /// An intent's answer.
        case answer
        /// Out of scope or too unsure: says what backtalk can answer.
        case fallback
        /// Two intents are about equally likely: asks which one was meant.
        case clarify
        /// A conversation changed language and has nothing to say again: says so.
        case notice
    }

    /// How a conversation turn was understood; only replies in a session say it.
    public enum Reading: String, Sendable {
        /// The question on its own, by the classifier (or a red-flag phrase).
        case question
        /// A follow-up picked by its number, or by "yes" or "tell me more".
        case followUp = "follow_up"
        /// The rest of the last answer, asked for with "more", "tell me more" or "mere".
        case more
        /// One of the two options of a clarification, picked.
        case clarification
        /// A short question read in the context of the turn before ("and how often?").
        case context
        /// A request to answer in the other language.
        case languageSwitch = "language_switch"
    }

    public var kind: Kind
    /// Index into the knowledge base's intents: the one answered, or the most likely one for a fallback
    /// or clarification; nil when nothing in scope is likely at all.
    public var intent: Int?
    /// The classifier's probability for `intent` (1 for a red-flag match).
    public var confidence: Float
    /// The language of the reply.
    public var language: Language
    /// Whether a red-flag phrase matched: the reply is the safety answer.
    public var safety: Bool
    /// For a safety answer, the intent the question was otherwise about; offered as the first follow-up.
    public var alsoAsked: Int?
    /// For a clarification, the runner-up intent.
    public var otherOption: Int?
    /// Up to three in-scope intents after `intent`, with their probabilities, best first.
    public var alternatives: [(intent: Int, confidence: Float)]
    /// The intent whose context the answer is specific to (`in_context` in the knowledge base).
    public var context: Int? = nil
    /// How a turn of a session was understood; nil outside a session.
    public var reading: Reading? = nil

    public static func == (lhs: Answer, rhs: Answer) -> Bool {
        lhs.kind == rhs.kind && lhs.intent == rhs.intent && lhs.confidence == rhs.confidence
            && lhs.language == rhs.language && lhs.safety == rhs.safety && lhs.alsoAsked == rhs.alsoAsked
            && lhs.otherOption == rhs.otherOption && lhs.context == rhs.context && lhs.reading == rhs.reading
            && lhs.alternatives.elementsEqual(rhs.alternatives, by: { $0.intent == $1.intent && $0.confidence == $1.confidence })
    }
}
