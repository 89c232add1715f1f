/// Decodes one request line (without its newline) into a ``Request``, strictly: the line must be one JSON
/// object in UTF-8; `id`, `type`, `text`, `lang` and `session` must be strings; no key may appear twice. Unknown keys
/// are skipped, so newer clients can talk to older daemons.
public enum RequestDecoder {
    /// How deeply arrays and objects may nest inside the request.
    public static let maximumDepth = 32
    /// The longest `session` name, in bytes.
    public static let maximumSessionBytes = 256

    /// Decodes `line`, in place: the daemon passes the bytes of its read buffer (package-internal, since
    /// the pointer must not outlive the call).
    package static func decode(_ line: UnsafeRawBufferPointer) -> Result<Request, ProtocolError> {
        guard isValidUTF8(line) else {
            return .failure(ProtocolError(.invalidJSON, "the line is not valid UTF-8; send UTF-8 text"))
        }
        var parser = JSONParser(bytes: line)
        var fields = RequestFields()
        do {
            try parser.parseRequestObject(into: &fields)
        } catch {
            return .failure(ProtocolError(error.code, error.message, id: fields.id))
        }
        return fields.request()
    }

    /// Decodes `line`.
    public static func decode(_ line: [UInt8]) -> Result<Request, ProtocolError> {
        line.withUnsafeBytes { decode($0) }
    }
}

/// The fields of a request object that backtalk reads.
struct RequestFields {
    var id: String?
    var type: String?
    var text: String?
    var language: String?
    var session: String?

    func request() -> Result<Request, ProtocolError> {
        guard let type else {
            return .failure(
                ProtocolError(
                    .missingType, "the request has no \"type\"; use \"\(RequestType.ask)\", \"\(RequestType.status)\" "
                        + "or \"\(RequestType.intents)\"", id: id))
        }
        guard let known = RequestType(rawValue: type) else {
            return .failure(
                ProtocolError(
                    .unknownType, "unknown type \"\(type)\"; use \"\(RequestType.ask)\", \"\(RequestType.status)\", "
                        + "\"\(RequestType.intents)\" (or, as an administrator, \"\(RequestType.reload)\" or "
                        + "\"\(RequestType.stats)\")", id: id))
        }
        switch known {
        case .ask:
            guard let text else {
                return .failure(ProtocolError(.missingText, "an ask needs \"text\", the question", id: id))
            }
            guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil })
            else {
                return .failure(ProtocolError(.emptyText, "the question in \"text\" is empty; write a question", id: id))
            }
            var forced: Language?
            if let language {
                guard let known = Language(rawValue: language) else {
                    return .failure(
                        ProtocolError(.unsupportedLanguage, "\"lang\" must be \"en\" or \"da\", or left out", id: id))
                }
                forced = known
            }
            if let session, session.isEmpty || session.utf8.count > RequestDecoder.maximumSessionBytes {
                return .failure(
                    ProtocolError(
                        .invalidField, "\"session\" must name the conversation in 1 to "
                            + "\(RequestDecoder.maximumSessionBytes) bytes, e.g. \"irc:#backpain:alice\"", id: id))
            }
            return .success(.ask(id: id, text: text, language: forced, session: session))
        case .status:
            return .success(.status(id: id))
        case .intents:
            return .success(.intents(id: id))
        case .reload:
            return .success(.reload(id: id))
        case .stats:
            return .success(.stats(id: id))
        }
    }
}
