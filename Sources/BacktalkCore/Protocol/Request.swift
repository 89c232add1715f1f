/// A request from a client, decoded from one JSON line by ``RequestDecoder``.
public enum Request: Sendable, Equatable {
    /// A question; `language` forces the answer's language.
    case ask(id: String?, text: String, language: Language?)
    /// The daemon's version, knowledge base and counters.
    case status(id: String?)
    /// The ids and titles of every intent.
    case intents(id: String?)

    /// The id the client chose, echoed in the reply.
    public var id: String? {
        switch self {
        case .ask(let id, _, _), .status(let id), .intents(let id): id
        }
    }
}

/// Why a request line was refused; sent back as `{"type":"error","code":…,"message":…}`.
public struct ProtocolError: Error, Sendable, Equatable {
    /// The machine-readable reason.
    public enum Code: String, Sendable, CaseIterable {
        /// The line is not JSON (or not UTF-8).
        case invalidJSON = "invalid_json"
        /// The line is JSON but not an object.
        case notAnObject = "not_an_object"
        /// The object has no `type`.
        case missingType = "missing_type"
        /// The `type` is not one backtalk knows.
        case unknownType = "unknown_type"
        /// An `ask` without `text`.
        case missingText = "missing_text"
        /// An `ask` whose `text` has no letters or digits.
        case emptyText = "empty_text"
        /// A known field holds the wrong kind of value (e.g. a number for `text`).
        case invalidField = "invalid_field"
        /// `lang` is neither `en` nor `da`.
        case unsupportedLanguage = "unsupported_language"
        /// The same key twice in one object.
        case duplicateKey = "duplicate_key"
        /// The line is longer than the daemon accepts.
        case lineTooLong = "line_too_long"
    }

    public var code: Code
    /// What went wrong and what to do, for a person.
    public var message: String
    /// The request's id, when it could be read.
    public var id: String?

    public init(_ code: Code, _ message: String, id: String? = nil) {
        self.code = code
        self.message = message
        self.id = id
    }
}
