import BacktalkProtocol

/// What backtalk decided to reply to one question, before it is encoded.
public struct Answer: Sendable, Equatable {
    /// The kind of reply, with the intents it needs (indexes into the knowledge base's intents).
    public enum Kind: Sendable, Equatable {
        /// The answer of `intent`.
        case answer(Int)
        /// Out of scope or too unsure: says what backtalk can answer; `mostLikely` is the in-scope intent
        /// the classifier ranked first, if any.
        case fallback(mostLikely: Int?)
        /// Two intents are about equally likely: asks which one was meant.
        case clarify(first: Int, second: Int)
        /// A conversation changed language and has nothing to say again: says so.
        case notice
    }

    public var kind: Kind
    /// The probability the reply rests on: the classifier's for `intent`, the emergency detector's for a
    /// safety answer it decided, 1 for a red-flag phrase match.
    public var confidence: Float
    /// The language of the reply.
    public var language: Language
    /// For a safety answer, its urgency and what decided it (a red-flag phrase or the emergency detector).
    public var safety: SafetyMark?
    /// For a safety answer, the intent the question was otherwise about; offered as the first follow-up.
    public var alsoAsked: Int?
    /// Up to three in-scope intents after `intent`, with their probabilities, best first.
    public var alternatives: [(intent: Int, confidence: Float)]
    /// The intent whose context the answer is specific to (`in_context` in the knowledge base).
    public var context: Int? = nil
    /// How a turn of a session was understood; nil outside a session.
    public var reading: Via? = nil
    /// The red-flag rule that decided a safety answer (see ``RedFlagRule``); nil when none did.
    public var redFlagRule: String? = nil

    /// The intent answered, the first option of a clarification, or the most likely one for a fallback;
    /// nil for a notice, or when nothing in scope is likely at all.
    public var intent: Int? {
        switch kind {
        case .answer(let intent), .clarify(let intent, _): intent
        case .fallback(let mostLikely): mostLikely
        case .notice: nil
        }
    }

    /// The reply's `type` on the wire.
    public var replyType: ReplyType {
        switch kind {
        case .answer: .answer
        case .fallback: .fallback
        case .clarify: .clarify
        case .notice: .notice
        }
    }

    public static func == (lhs: Answer, rhs: Answer) -> Bool {
        lhs.kind == rhs.kind && lhs.confidence == rhs.confidence
            && lhs.language == rhs.language && lhs.safety == rhs.safety && lhs.alsoAsked == rhs.alsoAsked
            && lhs.context == rhs.context && lhs.reading == rhs.reading && lhs.redFlagRule == rhs.redFlagRule
            && lhs.alternatives.elementsEqual(rhs.alternatives, by: { $0.intent == $1.intent && $0.confidence == $1.confidence })
    }
}
