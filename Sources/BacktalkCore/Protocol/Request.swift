/// A request from a client, decoded from one JSON line by ``RequestDecoder``.
public enum Request: Sendable, Equatable {
    /// A question; `language` forces the answer's language; `session` names the conversation it belongs to.
    case ask(id: String?, text: String, language: Language?, session: String? = nil)
    /// The daemon's version, knowledge base and counters.
    case status(id: String?)
    /// The ids and titles of every intent.
    case intents(id: String?)
    /// Administrative: load the knowledge base again (root or the service's own user only).
    case reload(id: String?)
    /// Administrative: the counters (root or the service's own user only).
    case stats(id: String?)

    /// The id the client chose, echoed in the reply.
    public var id: String? {
        switch self {
        case .ask(let id, _, _, _), .status(let id), .intents(let id), .reload(let id), .stats(let id): id
        }
    }

    /// Whether only root or the service's own user may send it.
    public var isAdministrative: Bool {
        switch self {
        case .reload, .stats: true
        case .ask, .status, .intents: false
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
        /// An administrative request from a user who is neither root nor the service's user.
        case forbidden = "forbidden"
        /// The daemon serves as many connections as it may; the connection is closed.
        case busy = "busy"
        /// A reload found problems in the knowledge base; the previous one keeps answering.
        case reloadRefused = "reload_refused"
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
