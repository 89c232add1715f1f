import BacktalkProtocol

/// What a short message means in a conversation on its own, before any classifier: a pick of something
/// offered ("2", "the first", "den anden"), "tell me more", or a request to change language. Read from
/// normalised words (see ``TextNormalizer``), in English and Danish.
public enum ConversationCue: Equatable, Sendable {
    /// Picks the n-th thing offered, counting from 1.
    case pick(Int)
    /// "yes", "ja", "sure": the first thing offered.
    case yes
    /// "more", "tell me more", "mere", "fortæl mere": the rest of the last answer, once it has been given
    /// the first thing offered.
    case more
    /// "in Danish please", "på engelsk": answer in this language from now on.
    case language(Language)

    /// The cue `text` gives, if any.
    public init?(_ text: String) {
        self.init(words: Self.words(text))
    }

    /// The cue of a message already split into normalised words.
    init?(words: [Substring]) {
        guard !words.isEmpty, words.count <= 8 else { return nil }
        if let language = Self.language(words) {
            self = .language(language)
        } else if let number = Self.pick(words) {
            self = .pick(number)
        } else if Self.isAgreement(words) {
            self = words.contains { Self.moreWords.contains($0) } ? .more : .yes
        } else {
            return nil
        }
    }

    /// The normalised words of `text`.
    static func words(_ text: String) -> [Substring] {
        TextNormalizer.normalized(text).split(separator: " ")
    }

    /// Whether `words` read as a question that leans on the turn before: it opens like "and …", "what
    /// about …", "og …", "hvad med …" (see ``opensWithContinuation(_:)``), is at most four words long, or
    /// points back with a word like "one", "it", "that", "det" ("how often should I get one?").
    static func isElliptical(_ words: [Substring]) -> Bool {
        words.count <= 4 || opensWithContinuation(words) || pointsBack(words)
    }

    /// Whether `words` point back at the last topic with a word like "it", "that", "det".
    static func pointsBack(_ words: [Substring]) -> Bool {
        words.contains { pointingBack.contains($0) }
    }

    /// Whether `words` open with "and", "what about", "og", "hvad med"…: words that continue the last
    /// topic, so "and for trigger point?" keeps asking the last question about something new.
    static func opensWithContinuation(_ words: [Substring]) -> Bool {
        guard let first = words.first else { return false }
        if ellipticalOpeners.contains(first) { return true }
        let opening = words.prefix(3).joined(separator: " ")
        return ellipticalPhrases.contains { opening.hasPrefix($0) }
    }

    private static func language(_ words: [Substring]) -> Language? {
        var named: Language?
        for word in words {
            if let language = languageNames[word] {
                guard named == nil || named == language else { return nil }
                named = language
            } else if !languageFillers.contains(word) {
                return nil
            }
        }
        return named
    }

    private static func pick(_ words: [Substring]) -> Int? {
        var number: Int?
        for word in words {
            if let value = Int(word) ?? ordinals[word], (1...9).contains(value) {
                guard number == nil else { return nil }
                number = value
            } else if !pickFillers.contains(word) {
                return nil
            }
        }
        return number
    }

    /// Whether `words` say "yes" or "more" and nothing else ("yes please", "ok tell me more", "ja tak").
    private static func isAgreement(_ words: [Substring]) -> Bool {
        words.contains { agreementHeads.contains($0) } && words.allSatisfy { agreementHeads.contains($0) || agreementFillers.contains($0) }
    }

    // The word lists hold normalised forms: "første" is "foerste", "på" is "paa" (people also type "pa").
    private static let languageNames: [Substring: Language] = [
        "english": .english, "engelsk": .english, "danish": .danish, "dansk": .danish,
    ]
    private static let languageFillers: Set<Substring> = [
        "in", "please", "answer", "reply", "respond", "speak", "talk", "write", "say", "can", "could", "would",
        "you", "that", "it", "this", "switch", "change", "to", "again", "now", "me", "the", "same", "i", "want",
        "lets", "use", "instead", "language", "and", "ok", "paa", "pa", "tak", "svar", "svare", "kan", "du",
        "sige", "det", "skriv", "skrive", "skift", "skifte", "til", "igen", "nu", "gerne", "venligst", "jeg",
        "vil", "og", "tale", "snakke", "sprog", "saa", "stedet", "hellere", "bare",
    ]
    private static let ordinals: [Substring: Int] = [
        "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
        "fifth": 5, "5th": 5, "two": 2, "three": 3, "four": 4,
        "foerste": 1, "forste": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "femte": 5,
    ]
    private static let pickFillers: Set<Substring> = [
        "the", "option", "number", "no", "nr", "please", "i", "mean", "meant", "choose", "pick", "take", "that",
        "question", "answer", "ok", "den", "det", "nummer", "tak", "jeg", "mente", "mener", "vil", "tage",
        "vaelger", "valg", "spoergsmaal", "svar", "gerne", "one", "tell", "me", "about", "show", "give", "go",
        "with", "lets", "fortael", "om", "mig", "giv", "vis", "du", "kan", "sig",
    ]
    private static let agreementHeads: Set<Substring> = [
        "yes", "yeah", "yep", "yup", "sure", "more", "continue", "ja", "jo", "jep", "gerne", "mere", "fortsaet",
    ]
    /// The words that ask for more of the same rather than agree to what was offered.
    private static let moreWords: Set<Substring> = ["more", "continue", "mere", "fortsaet", "fortael", "tell", "go"]
    private static let agreementFillers: Set<Substring> = [
        "please", "tell", "me", "go", "on", "a", "bit", "little", "thanks", "about", "that", "it", "i", "would",
        "like", "want", "to", "know", "tak", "fortael", "sig", "lidt", "om", "det", "mig", "jeg", "vil", "godt",
        "vide", "hoere", "endelig", "bare", "ok", "okay", "oh", "interesting", "spaendende", "interessant",
    ]
    private static let ellipticalOpeners: Set<Substring> = ["and", "also", "but", "plus", "og", "ogsaa", "men"]
    private static let pointingBack: Set<Substring> = [
        "one", "it", "that", "this", "them", "those", "these", "det", "dem", "denne", "dette", "saadan",
    ]
    private static let ellipticalPhrases = ["what about", "how about", "what if", "hvad med", "hvad saa med", "hvad hvis"]
}
