import BacktalkProtocol
import Yams

/// Reads YAML nodes of one file into Swift values, reporting each problem at its line and column instead
/// of stopping at the first.
struct YAMLReader {
    let file: String
    private(set) var problems: [KnowledgeBaseProblem] = []

    init(file: String) { self.file = file }

    mutating func report(_ node: Node?, _ message: String) {
        report(at: node?.mark, message)
    }

    mutating func report(at mark: Mark?, _ message: String) {
        problems.append(
            KnowledgeBaseProblem(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message))
    }

    /// The pairs of a mapping whose keys are all in `allowed`; other keys are reported as unknown.
    mutating func mapping(_ node: Node, what: String, allowed: [String]) -> [String: (key: Node, value: Node)]? {
        guard let mapping = node.mapping else {
            report(node, "\(what) must be a mapping of keys to values; write it as `key: value` lines")
            return nil
        }
        var pairs: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, allowed.contains(name) else {
                let shown = key.scalar?.string ?? "(not a name)"
                report(key, "unknown key '\(shown)' in \(what); the keys are \(allowed.joined(separator: ", "))")
                continue
            }
            pairs[name] = (key, value)
        }
        return pairs
    }

    /// A non-empty text; blank lines at the ends are trimmed.
    mutating func text(_ node: Node, what: String) -> String? {
        guard let scalar = node.scalar else {
            report(node, "\(what) must be text, not a list or mapping; write it on the same line or as a `|` block")
            return nil
        }
        let value = String(scalar.string.trimmingWhitespace)
        if value.isEmpty {
            report(node, "\(what) is empty; write the text or remove the entry")
            return nil
        }
        return value
    }

    /// `true` or `false`.
    mutating func flag(_ node: Node, what: String) -> Bool? {
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default:
            report(node, "`\(what)` must be true or false")
            return nil
        }
    }

    /// A non-empty text of at most `wordLimit` words, counted as ``AnswerText/wordCount(_:)`` counts them.
    mutating func text(_ node: Node, what: String, wordLimit: Int) -> String? {
        guard let value = text(node, what: what) else { return nil }
        let words = AnswerText.wordCount(value)
        if words > wordLimit {
            report(node, "\(what) has \(words) words; shorten it to \(wordLimit) or fewer")
        }
        return value
    }

    /// A list of non-empty texts, each with its position.
    mutating func textList(_ node: Node, what: String) -> [(text: String, mark: Mark?)]? {
        if let scalar = node.scalar, scalar.string.trimmingWhitespace.isEmpty {
            return []
        }
        guard let sequence = node.sequence else {
            report(node, "\(what) must be a list; write each entry on its own line starting with '- '")
            return nil
        }
        var items: [(text: String, mark: Mark?)] = []
        for item in sequence {
            if let text = text(item, what: "an entry of \(what)") { items.append((text, item.mark)) }
        }
        return items
    }

    /// One value per language from a mapping with the keys `en` and `da`, both required.
    mutating func localized<Value>(
        _ node: Node, what: String, read: (inout YAMLReader, Node, String) -> Value?
    ) -> Localized<Value>? {
        guard let pairs = mapping(node, what: what, allowed: Language.allCases.map(\.rawValue)) else { return nil }
        var values: [Language: Value] = [:]
        for language in Language.allCases {
            guard let pair = pairs[language.rawValue] else {
                report(node, "\(what) has no '\(language.rawValue)' (\(language.name)); add the \(language.name) version")
                continue
            }
            values[language] = read(&self, pair.value, "\(what) (\(language.rawValue))")
        }
        guard let english = values[.english], let danish = values[.danish] else { return nil }
        return Localized(english: english, danish: danish)
    }
}

extension String {
    /// The text without white space and newlines at either end.
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
