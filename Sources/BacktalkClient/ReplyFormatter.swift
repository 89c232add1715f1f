import Foundation

/// Renders replies for a person reading a terminal or a chat.
public enum ReplyFormatter {
    /// The reply as paragraphs, with numbered next questions when `numbered` (for `backtalk chat`), in
    /// `style`'s colours.
    public static func text(of reply: Reply, numbered: Bool, style: ChatStyle = .plain) -> String {
        var lines: [String] = []
        switch reply.type {
        case "error":
            return style.warning("error (\(reply.code ?? "unknown")): \(reply.message ?? "")")
        default:
            let text = reply.text ?? ""
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
        if let sources = reply.sources, !sources.isEmpty {
            lines.append("")
            lines.append(style.dim(reply.lang == "da" ? "Kilder:" : "Sources:"))
            for source in sources {
                lines.append(style.dim("  - \(source.title)" + (source.url.map { " <\($0)>" } ?? "")))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// "You could also ask:" in the reply's language, the heading of its next questions.
    public static func nextQuestionsHeading(of reply: Reply) -> String {
        reply.lang == "da" ? "Du kan også spørge:" : "You could also ask:"
    }

    /// The reply's text on one line, for pipes and chat bridges.
    public static func singleLine(of reply: Reply) -> String {
        let text = reply.type == "error" ? "error (\(reply.code ?? "unknown")): \(reply.message ?? "")" : reply.text ?? ""
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
