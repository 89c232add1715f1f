/// The `type` of a reply on the wire.
public enum ReplyType: String, Sendable, CaseIterable {
    /// An intent's answer to an `ask`.
    case answer
    /// Out of scope or too unsure: what backtalk can answer.
    case fallback
    /// Two intents about equally likely: which one was meant.
    case clarify
    /// In a session: the language changed and there is nothing to say again.
    case notice
    case status
    case intents
    case stats
    /// A successful `reload`.
    case reloaded
    case error

    /// The name `stats` counts safety answers under, beside the reply types of `ask`.
    public static let safetyAnswerCount = "safety"
}
