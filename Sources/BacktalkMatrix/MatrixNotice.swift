import BacktalkClient
import BacktalkProtocol

/// A reply as the content of a Matrix `m.notice` event: bots do not answer notices, so two bots in a room
/// cannot answer each other for ever. `body` is the plain text `backtalk chat` shows; `formattedBody` the same
/// in HTML: the summary first ("more" gives the rest), a safety answer whole under its mark, the next
/// questions as a numbered list (so "2" picks the second), the sources as links where the rest is shown.
public struct MatrixNotice: Sendable, Equatable {
    public var body: String
    public var formattedBody: String

    public init(reply: Reply) {
        body = ReplyFormatter.text(of: reply, extent: .summaryFirst, numbered: true)
        var html = ""
        if reply.replyType == .error {
            html = paragraph(ReplyFormatter.singleLine(of: reply))
        } else {
            var text = ReplyFormatter.body(of: reply, extent: .summaryFirst)
            if let mark = ReplyFormatter.safetyMark(of: reply), text.hasPrefix(mark + "\n") {
                html += "<p><strong>\(Self.escaped(mark))</strong></p>"
                text.removeFirst(mark.count + 1)
            }
            for part in text.split(separator: "\n\n", omittingEmptySubsequences: true) {
                html += paragraph(String(part))
            }
        }
        let next = reply.nextQuestions
        if !next.isEmpty {
            html += paragraph(ReplyFormatter.nextQuestionsHeading(of: reply))
            html += "<ol>" + next.map { "<li>\(Self.escaped($0.question))</li>" }.joined() + "</ol>"
        }
        if let sources = reply.sources, !sources.isEmpty, ReplyFormatter.showsRest(of: reply, extent: .summaryFirst) {
            html += paragraph(reply.language == .danish ? "Kilder:" : "Sources:")
            html += "<ul>" + sources.map { source in
                let title = Self.escaped(source.title)
                return "<li>" + (source.url.map { "<a href=\"\(Self.escaped($0))\">\(title)</a>" } ?? title) + "</li>"
            }.joined() + "</ul>"
        }
        formattedBody = html
    }

    /// The event's content: `m.notice` with the plain and the HTML text.
    public var content: [String: String] {
        ["msgtype": "m.notice", "body": body, "format": "org.matrix.custom.html", "formatted_body": formattedBody]
    }

    /// `text` with the characters HTML gives a meaning escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// One HTML paragraph of `text`, its single line breaks kept.
private func paragraph(_ text: String) -> String {
    "<p>" + text.split(separator: "\n", omittingEmptySubsequences: false).map { MatrixNotice.escaped(String($0)) }
        .joined(separator: "<br>") + "</p>"
}
