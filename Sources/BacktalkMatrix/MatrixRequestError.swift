/// Why a request to the homeserver failed, and whether trying again later can help.
public enum MatrixRequestError: Error, CustomStringConvertible, Sendable {
    /// The homeserver answered with an error: its HTTP status, Matrix error code (`M_FORBIDDEN`…) and
    /// message; `retryAfter` when it asked the bot to slow down (`M_LIMIT_EXCEEDED`).
    case refused(status: Int, code: String, message: String, retryAfter: Duration?)
    /// No answer: the connection failed, broke or timed out.
    case unreachable(String)
    /// An answer that is not the JSON the API describes.
    case unreadable(String)

    /// Whether the same request may succeed later: the server was unreachable, overloaded, failing, or
    /// asked the bot to wait.
    public var isTransient: Bool {
        switch self {
        case .refused(let status, let code, _, _): status >= 500 || status == 429 || code == "M_LIMIT_EXCEEDED"
        case .unreachable: true
        case .unreadable: false
        }
    }

    /// Whether the access token is no good (revoked, expired or mistyped): nothing works until it is replaced.
    public var isBadToken: Bool {
        if case .refused(_, let code, _, _) = self { return code == "M_UNKNOWN_TOKEN" || code == "M_MISSING_TOKEN" }
        return false
    }

    /// Whether the homeserver refused the request itself (a 4xx answer other than a rate limit or a bad
    /// token): sending it again cannot help.
    public var refusesRequest: Bool {
        if case .refused(let status, _, _, _) = self { return (400..<500).contains(status) && !isTransient && !isBadToken }
        return false
    }

    /// How long the homeserver asked the bot to wait before trying again.
    public var retryAfter: Duration? {
        if case .refused(_, _, _, let retryAfter) = self { return retryAfter }
        return nil
    }

    public var description: String {
        switch self {
        case .refused(let status, let code, let message, _): "the homeserver answered \(status) \(code): \(message)"
        case .unreachable(let reason):
            "the homeserver did not answer (\(reason)): check --homeserver and that it runs; the packaged unit lets "
                + "the bot reach this machine only (IPAddressAllow= in backtalk-matrix.service)"
        case .unreadable(let reason): "the homeserver's answer could not be read (\(reason))"
        }
    }
}
