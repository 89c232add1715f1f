/// A named red-flag rule: phrases in both languages that send a question to a safety intent before the
/// classifier, with example questions that must set it off (`fires`) and must set off no rule (`quiet`).
/// The loader runs the examples, so a rule that stops doing what its examples say is refused.
public struct RedFlagRule: Sendable {
    /// A short name, unique in the knowledge base (`bladder-bowel-control`).
    public var id: String
    /// The safety intent a match answers with.
    public var intent: String
    /// The warning sign the rule recognises, in words a clinician reads.
    public var sign: String
    /// The phrases (see ``RedFlagPhrase``), each enough on its own.
    public var phrases: Localized<[String]>
    /// Whether the sign counts when it is past ("had cancer five years ago"): cues of the past in its
    /// clause then do not take it back (see ``RedFlagScope``).
    public var pastCounts: Bool
    /// Questions the rule must match.
    public var fires: [String]
    /// Questions no rule may match.
    public var quiet: [String]
}

/// The words that take a red-flag word back in its clause, so that "no numbness", "ingen feber" and "had
/// a fall three years ago, fully recovered" do not set off the alarm (see ``RedFlagScope``).
public struct RedFlagScopeWords: Sendable {
    /// Words that deny what follows them in the clause (no, without, ingen, uden).
    public var denial: [String]
    /// Words after which a denial word is itself the symptom ("no feeling", "ingen kontrol").
    public var symptomAfterDenial: [String]
    /// Cues, of one or more words, that put the whole clause in the past or say it is over ("years ago",
    /// "fully recovered", "for tre år siden").
    public var past: [String]
    /// Cues that say something is over ("all better now", "gik over"): like `past`, and they also reach
    /// the earlier clauses of their sentence ("had a fever two weeks ago, all better now").
    public var over: [String]
    /// Words that start a new clause, besides punctuation (but, men).
    public var clauseBreaks: [String]
    /// Words that join the last items of a list (or, eller): a denial reaches over the comma into a short
    /// clause with one of them ("no numbness, fever or bladder problems").
    public var listJoins: [String] = []

    /// No words: nothing is taken back.
    public static let none = RedFlagScopeWords(denial: [], symptomAfterDenial: [], past: [], over: [], clauseBreaks: [])
}
