import BacktalkClient
import BacktalkProtocol

/// A reply as IRC lines, before they are fitted to IRC's line length (``IRCText``): the Matrix bridge's
/// counterpart is `MatrixNotice`.
public enum IRCReply {
    /// What to say for `reply`: an answer's summary (the rest when "more" asked for it), or the text of
    /// any other reply, then the numbered suggestions on one line.
    public static func lines(of reply: Reply) -> [String] {
        var lines = [
            reply.replyType == .error
                ? "sorry, that did not work: \(reply.message ?? "")" : ReplyFormatter.body(of: reply, extent: .summaryFirst)
        ]
        let next = reply.nextQuestions
        if !next.isEmpty {
            let numbered = next.enumerated().map { "\($0.offset + 1)) \($0.element.question)" }.joined(separator: "  ")
            let hint = reply.language == .danish ? "(svar med et tal)" : "(reply with a number)"
            lines.append("\(ReplyFormatter.nextQuestionsHeading(of: reply)) \(numbered) \(hint)")
        }
        return lines
    }
}
