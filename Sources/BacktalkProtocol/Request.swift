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

    /// The request's `type` on the wire.
    public var type: RequestType {
        switch self {
        case .ask: .ask
        case .status: .status
        case .intents: .intents
        case .reload: .reload
        case .stats: .stats
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

/// The `type` of a request on the wire.
public enum RequestType: String, Sendable, CaseIterable {
    case ask, status, intents, reload, stats
}
