import BacktalkProtocol
import Yams

// The parts of a knowledge base as read from its files, with their positions, before cross-checks.

/// A source with its position, before cross-checks.
struct SourceDraft {
    var source: Source
    var mark: Mark?
}

/// An intent with the positions of its parts, before cross-checks.
struct IntentDraft {
    var file: String
    /// The position of the file's folder among the layers, from 0.
    var layer: Int
    var idMark: Mark?
    var id: String
    var title: Localized<String>
    var answer: Localized<AnswerText>
    var questions: Localized<[(text: String, mark: Mark?)]>
    var followUps: [(text: String, mark: Mark?)]
    var sources: [(text: String, mark: Mark?)]
    var urgency: Urgency?
    var nearMisses: Localized<[(text: String, mark: Mark?)]>
    var contextAnswers: [(context: String, mark: Mark?, answer: Localized<AnswerText>)]
}

/// The assistant texts with their position, before cross-checks.
struct AssistantDraft {
    var file: String
    var layer: Int
    var mark: Mark?
    var fallback: Localized<String>
    var clarify: Localized<String>
    var suggestions: [(text: String, mark: Mark?)]
    var languageSwitched: Localized<String>?
}

/// A red-flag rule with the positions of its parts, before cross-checks.
struct RedFlagRuleDraft {
    var file: String
    var layer: Int
    var idMark: Mark?
    var id: String
    var intent: (text: String, mark: Mark?)
    var sign: String
    var phrases: Localized<[(text: String, mark: Mark?)]>
    var pastCounts: Bool
    var fires: [(text: String, mark: Mark?)]
    var quiet: [(text: String, mark: Mark?)]
}

/// Training questions and near misses for an intent of this or an earlier layer, kept apart from its answer.
struct TrainingDraft {
    var file: String
    var layer: Int
    var mark: Mark?
    var intent: String
    var questions: Localized<[(text: String, mark: Mark?)]>
    var nearMisses: Localized<[(text: String, mark: Mark?)]>
}

/// The red-flag scope words of one file.
struct RedFlagScopeDraft {
    var file: String
    var layer: Int
    var mark: Mark?
    var words: RedFlagScopeWords
}
