import BacktalkProtocol
import Foundation

/// Renders replies for a person reading a terminal or a chat.
public enum ReplyFormatter {
    /// How much of an answer to show.
    public enum Extent: Sendable {
        /// The summary, then the rest (`backtalk ask`, pipes).
        case whole
        /// The summary with a hint that "more" gives the rest, which comes as its own reply
        /// (`"via":"more"`); a safety answer whole (`backtalk chat`, IRC).
        case summaryFirst
    }

    /// The reply as paragraphs, with numbered next questions when `numbered` (for `backtalk chat`), in
    /// `style`'s colours. Sources are listed where the rest of an answer is shown.
    public static func text(of reply: Reply, extent: Extent, numbered: Bool, style: ChatStyle = .plain) -> String {
        var lines: [String] = []
        switch reply.replyType {
        case .error:
            return style.warning("error (\(reply.code ?? "unknown")): \(reply.message ?? "")")
        default:
            let text = body(of: reply, extent: extent)
            lines.append(reply.safety == true ? style.warning(text) : text)
        }
        let next = reply.nextQuestions
        if !next.isEmpty {
            lines.append("")
            lines.append(style.heading(nextQuestionsHeading(of: reply)))
            for (index, suggestion) in next.enumerated() {
                lines.append(
                    numbered ? "  \(style.number("\(index + 1).")) \(suggestion.question)" : "  - \(suggestion.question)")
            }
        }
        if let sources = reply.sources, !sources.isEmpty, showsRest(of: reply, extent: extent) {
            lines.append("")
            lines.append(style.dim(reply.language == .danish ? "Kilder:" : "Sources:"))
            for source in sources {
                lines.append(style.dim("  - \(source.title)" + (source.url.map { " <\($0)>" } ?? "")))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// What the reply says: an answer's summary and as much of the rest as `extent` asks, a safety answer
    /// whole under its mark; any other reply's text.
    public static func body(of reply: Reply, extent: Extent) -> String {
        guard let summary = reply.summary else { return reply.text ?? "" }
        let detail = reply.detail ?? ""
        if let mark = safetyMark(of: reply) { return mark + "\n" + summary + "\n\n" + detail }
        switch extent {
        case .whole: return summary + "\n\n" + detail
        case .summaryFirst:
            if reply.reading == .more { return detail }
            return summary + "\n" + (reply.language == .danish ? "(Skriv \"mere\" for resten.)" : "(Type \"more\" for the rest.)")
        }
    }

    /// The line that marks a safety answer at its urgency, in the reply's language; nil for other replies.
    public static func safetyMark(of reply: Reply) -> String? {
        guard reply.safety == true else { return nil }
        let danish = reply.language == .danish
        switch reply.safetyUrgency {
        case .emergency: return danish ? "AKUT: Få hjælp nu." : "EMERGENCY: Get help now."
        case .urgent, nil: return danish ? "HASTER: Kontakt en læge i dag." : "URGENT: See a doctor today."
        }
    }

    /// Whether `body(of:extent:)` shows the rest of an answer.
    public static func showsRest(of reply: Reply, extent: Extent) -> Bool {
        extent == .whole || reply.reading == .more || reply.safety == true || reply.summary == nil
    }

    /// The offered question `reply` answers when it answers one picked by a number, "yes" or "tell me more"
    /// (`offered`: the previous reply's next questions), so that a chat can name what it moved on to.
    public static func pickedQuestion(of reply: Reply, offered: [Reply.Suggestion]) -> String? {
        guard reply.reading == .followUp || reply.reading == .clarification, let intent = reply.intent else { return nil }
        return offered.first { $0.intent == intent }?.question
    }

    /// "You could also ask:" in the reply's language, the heading of its next questions.
    public static func nextQuestionsHeading(of reply: Reply) -> String {
        reply.language == .danish ? "Du kan også spørge:" : "You could also ask:"
    }

    /// The reply's summary and text on one line, for pipes and chat bridges.
    public static func singleLine(of reply: Reply) -> String {
        let text =
            reply.replyType == .error ? "error (\(reply.code ?? "unknown")): \(reply.message ?? "")" : body(of: reply, extent: .whole)
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
