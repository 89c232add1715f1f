import BacktalkProtocol

/// One thing backtalk can answer: its answer in both languages and the questions that ask for it.
public struct Intent: Sendable {
    /// The unique id, e.g. `faq.frequency`.
    public var id: String
    /// A short question that asks for this intent; shown as a follow-up suggestion.
    public var title: Localized<String>
    /// The answer: its summary and the rest.
    public var answer: Localized<AnswerText>
    /// Training questions.
    public var questions: Localized<[String]>
    /// Ids of intents offered next.
    public var followUps: [String]
    /// Ids of the sources the answer rests on.
    public var sources: [String]
    /// How urgent this intent's safety answer is, for an intent that red-flag rules send questions to
    /// (`urgent` when not set).
    public var urgency: Urgency?
    /// Ordinary questions that read like this intent's but are not it (an old fever, a relative's cancer):
    /// what the emergency detector (`EmergencyDetector`) learns to tell apart from an emergency.
    public var nearMisses: Localized<[String]>
    /// Answers specific to a conversation's context, by the id of the intent answered just before
    /// (e.g. `faq.frequency` after `technique.sports_massage`).
    public var contextAnswers: [String: Localized<AnswerText>]
}

/// A source an answer rests on.
public struct Source: Sendable {
    public var id: String
    public var title: String
    public var url: String?
}

/// What the assistant says when it does not answer from an intent.
public struct AssistantTexts: Sendable {
    /// Said when a question is out of scope or too unsure to answer.
    public var fallback: Localized<String>
    /// Asks which of two intents was meant; `{first}` and `{second}` stand for their titles.
    public var clarify: Localized<String>
    /// Intent ids suggested with the fallback.
    public var suggestions: [String]
    /// Said when a conversation switches language and there is nothing to say again in the new one.
    public var languageSwitched: Localized<String>

    /// What `languageSwitched` says when the knowledge base does not set it.
    public static let defaultLanguageSwitched = Localized(
        english: "OK, I will answer in English from now on.", danish: "Fint, jeg svarer på dansk fra nu af.")
}
