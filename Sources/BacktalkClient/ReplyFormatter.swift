import Foundation

/// Renders replies for a person reading a terminal or a chat.
public enum ReplyFormatter {
    /// The reply as paragraphs, with numbered next questions when `numbered` (for `backtalk chat`).
    public static func text(of reply: Reply, numbered: Bool) -> String {
        var lines: [String] = []
        switch reply.type {
        case "error":
            return "error (\(reply.code ?? "unknown")): \(reply.message ?? "")"
        default:
            lines.append(reply.text ?? "")
        }
        let next = reply.nextQuestions
        if !next.isEmpty {
            lines.append("")
            lines.append(reply.lang == "da" ? "Du kan også spørge:" : "You could also ask:")
            for (index, suggestion) in next.enumerated() {
                lines.append(numbered ? "  \(index + 1). \(suggestion.question)" : "  - \(suggestion.question)")
            }
        }
        if let sources = reply.sources, !sources.isEmpty {
            lines.append("")
            lines.append(reply.lang == "da" ? "Kilder:" : "Sources:")
            for source in sources {
                lines.append("  - \(source.title)" + (source.url.map { " <\($0)>" } ?? ""))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The reply's text on one line, for pipes and chat bridges.
    public static func singleLine(of reply: Reply) -> String {
        let text = reply.type == "error" ? "error (\(reply.code ?? "unknown")): \(reply.message ?? "")" : reply.text ?? ""
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
