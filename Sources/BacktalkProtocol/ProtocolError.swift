/// Why a request line was refused; sent back as `{"type":"error","code":…,"message":…}`.
public struct ProtocolError: Error, Sendable, Equatable {
    /// The machine-readable reason. A struct rather than an enum (the shape of ServiceLifecycle's
    /// `ServiceGroupError.Code`), so that adding a code breaks no caller's `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code on the wire.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The line is not JSON (or not UTF-8).
        public static let invalidJSON = Code("invalid_json")
        /// The line is JSON but not an object.
        public static let notAnObject = Code("not_an_object")
        /// The object has no `type`.
        public static let missingType = Code("missing_type")
        /// The `type` is not one backtalk knows.
        public static let unknownType = Code("unknown_type")
        /// An `ask` without `text`.
        public static let missingText = Code("missing_text")
        /// An `ask` whose `text` has no letters or digits.
        public static let emptyText = Code("empty_text")
        /// A known field holds the wrong kind of value (e.g. a number for `text`).
        public static let invalidField = Code("invalid_field")
        /// `lang` is neither `en` nor `da`.
        public static let unsupportedLanguage = Code("unsupported_language")
        /// The same key twice in one object.
        public static let duplicateKey = Code("duplicate_key")
        /// The line is longer than the daemon accepts.
        public static let lineTooLong = Code("line_too_long")
        /// An administrative request from a user who is neither root nor the service's user.
        public static let forbidden = Code("forbidden")
        /// The daemon serves as many connections as it may; the connection is closed.
        public static let busy = Code("busy")
        /// A reload found problems in the knowledge base; the previous one keeps answering.
        public static let reloadRefused = Code("reload_refused")

        /// Every code this version knows.
        public static let allCases: [Code] = [
            .invalidJSON, .notAnObject, .missingType, .unknownType, .missingText, .emptyText, .invalidField,
            .unsupportedLanguage, .duplicateKey, .lineTooLong, .forbidden, .busy, .reloadRefused,
        ]
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
