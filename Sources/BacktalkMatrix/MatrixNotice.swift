import BacktalkClient
import BacktalkProtocol

/// A reply as the content of a Matrix `m.notice` event: bots do not answer notices, so two bots in a room
/// cannot answer each other for ever. `body` is the plain text `backtalk chat` shows; `formattedBody` the same
/// in HTML: the summary first ("more" gives the rest), a safety answer whole under its mark, the next
/// questions as a numbered list (so "2" picks the second), the sources as links where the rest is shown.
public struct MatrixNotice: Sendable, Equatable, Encodable {
    public var body: String
    public var formattedBody: String
    /// The event this answers (a rich reply, so a group room sees which question it answers), if any.
    public var inReplyTo: String?
    /// The thread it goes in (the thread's first event), when the question was asked in one.
    public var thread: String?
    /// The users it mentions (`m.mentions`): the asker in a group room, so their client notifies them.
    public var mentions: [String] = []

    /// A notice of plain `text` (one paragraph per line).
    public init(text: String) {
        body = text
        formattedBody = text.split(separator: "\n").map { paragraph(String($0)) }.joined()
    }

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

    /// The event's content: `m.notice` with the plain and the HTML text, the question it answers, the
    /// users it mentions.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode("m.notice", forKey: .msgtype)
        try container.encode(body, forKey: .body)
        try container.encode("org.matrix.custom.html", forKey: .format)
        try container.encode(formattedBody, forKey: .formattedBody)
        if let thread {
            try container.encode(
                Relation(relationType: "m.thread", eventID: thread, isFallingBack: inReplyTo == nil,
                         inReplyTo: .init(eventID: inReplyTo ?? thread)),
                forKey: .relatesTo)
        } else if let inReplyTo {
            try container.encode(Relation(inReplyTo: .init(eventID: inReplyTo)), forKey: .relatesTo)
        }
        try container.encode(["user_ids": mentions], forKey: .mentions)
    }

    /// `m.relates_to`: a reply (`m.in_reply_to`), in a thread or not.
    private struct Relation: Encodable {
        var relationType: String?
        var eventID: String?
        var isFallingBack: Bool?
        var inReplyTo: InReplyTo
        struct InReplyTo: Encodable {
            var eventID: String
            enum CodingKeys: String, CodingKey { case eventID = "event_id" }
        }
        enum CodingKeys: String, CodingKey {
            case relationType = "rel_type", eventID = "event_id", isFallingBack = "is_falling_back"
            case inReplyTo = "m.in_reply_to"
        }
    }

    private enum Key: String, CodingKey {
        case msgtype, body, format
        case formattedBody = "formatted_body"
        case relatesTo = "m.relates_to"
        case mentions = "m.mentions"
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
