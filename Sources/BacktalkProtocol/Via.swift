/// How a turn of a session was understood, the reply's `via` on the wire; only replies in a session have it.
public enum Via: String, Sendable, CaseIterable {
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
