import BacktalkProtocol

/// The exit codes of `backtalk`, so scripts can tell the outcomes apart.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// The question was answered (a safety answer included).
    case answered = 0
    /// The daemon replied with an error (a malformed request).
    case errorReply = 1
    /// The question was out of scope or too unsure: the reply says what backtalk can answer.
    case fallback = 2
    /// The daemon asked back which of two topics was meant.
    case clarify = 3
    /// The command line was wrong.
    case usage = 64
    /// backtalkd is not running or not reachable.
    case unavailable = 69

    /// The status for a reply of `type` (nil: a type this version does not know).
    public init(replyType type: ReplyType?) {
        switch type {
        case .fallback: self = .fallback
        case .clarify: self = .clarify
        case .error: self = .errorReply
        default: self = .answered
        }
    }

    /// One line per code, for `--help`.
    public static let summary = """
        Exit codes: 0 answered, 2 fallback (out of scope), 3 asked back ("did you mean ...?"), \
        1 error reply, 64 usage, 69 backtalkd not reachable.
        """
}
