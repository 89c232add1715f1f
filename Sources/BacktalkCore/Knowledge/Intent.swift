/// One thing backtalk can answer: its answer in both languages and the questions that ask for it.
public struct Intent: Sendable {
    /// The unique id, e.g. `faq.frequency`.
    public var id: String
    /// A short question that asks for this intent; shown as a follow-up suggestion.
    public var title: Localized<String>
    /// The answer text.
    public var answer: Localized<String>
    /// Training questions.
    public var questions: Localized<[String]>
    /// Ids of intents offered next.
    public var followUps: [String]
    /// Ids of the sources the answer rests on.
    public var sources: [String]
    /// Phrases that send a question here before the classifier (see `Knowledge/README.md`).
    public var redFlags: Localized<[String]>
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
}
