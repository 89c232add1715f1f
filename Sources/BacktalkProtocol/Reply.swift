import Foundation

/// A reply from backtalkd, as the client reads it (every field of docs/PROTOCOL.md that a person sees).
public struct Reply: Decodable, Sendable {
    /// A suggested question: an intent and the question that asks it.
    public struct Suggestion: Decodable, Sendable {
        public var intent: String
        public var question: String
    }

    /// A source an answer rests on.
    public struct Source: Decodable, Sendable {
        public var id: String
        public var title: String
        public var url: String?
    }

    /// Another intent the question might be about.
    public struct Alternative: Decodable, Sendable {
        public var intent: String
        public var confidence: Double
    }

    public var id: String?
    /// `answer`, `fallback`, `clarify`, `notice`, `status`, `intents` or `error`.
    public var type: String
    public var intent: String?
    /// The intent of the turn before, when the answer is specific to it (in a session).
    public var context: String?
    /// How a turn of a session was understood: `question`, `follow_up`, `more`, `clarification`,
    /// `context` or `language_switch`.
    public var via: String?
    public var confidence: Double?
    public var lang: String?
    /// An answer's direct answer in one or two sentences, which `text` begins with.
    public var summary: String?
    /// The rest of an answer, after its summary; `text` holds both.
    public var detail: String?
    public var text: String?
    public var followUps: [Suggestion]?
    public var suggestions: [Suggestion]?
    public var options: [Suggestion]?
    public var sources: [Source]?
    public var alternatives: [Alternative]?
    public var safety: Bool?
    public var urgency: String?
    public var decidedBy: String?
    public var code: String?
    public var message: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, type, intent, context, via, confidence, lang, summary, detail, text, suggestions, options, sources
        case alternatives, safety, urgency, code, message
        case followUps = "follow_ups"
        case decidedBy = "decided_by"
    }

    /// Decodes one reply line.
    public init(line: [UInt8]) throws {
        self = try JSONDecoder().decode(Reply.self, from: Data(line))
    }

    /// `type` as this version knows it; nil for a type a newer daemon added.
    public var replyType: ReplyType? { ReplyType(rawValue: type) }
    /// `via` as this version knows it.
    public var reading: Via? { via.flatMap(Via.init(rawValue:)) }
    /// `urgency` as this version knows it: set on every safety answer.
    public var safetyUrgency: Urgency? { urgency.flatMap(Urgency.init(rawValue:)) }
    /// `lang` as a language.
    public var language: Language? { lang.flatMap(Language.init(rawValue:)) }

    /// The questions a person may ask next: follow-ups, fallback suggestions or clarification options.
    public var nextQuestions: [Suggestion] { followUps ?? options ?? suggestions ?? [] }
}
