import BacktalkProtocol
import Foundation

/// Renders the replies to `status`, `intents`, `stats` and `reload` as text for a person: a sentence or
/// two for the state of the daemon, a table of intents, and `name: value` lines for counters.
public enum AdminReplyFormatter {
    /// The reply `object` (a decoded JSON reply line) as text.
    public static func text(of object: [String: Any]) -> String {
        switch (object[.type] as? String).flatMap(ReplyType.init(rawValue:)) {
        case .status: status(object)
        case .intents: intents(object)
        case .reloaded: "reloaded: " + knowledge(object[.knowledge] as? [String: Any] ?? [:])
        default: counters(object.filter { $0.key != ReplyKey.type.name && $0.key != ReplyKey.id.name }).joined(separator: "\n")
        }
    }

    private static func status(_ object: [String: Any]) -> String {
        let version = object[.version] as? String ?? "?"
        let uptime = duration(object[.uptimeSeconds] as? Double ?? 0)
        let served = object[.requestsServed] as? Int ?? 0
        return "backtalkd \(version), up \(uptime), \(served) requests served\n"
            + "knowledge: " + knowledge(object[.knowledge] as? [String: Any] ?? [:])
    }

    private static func knowledge(_ knowledge: [String: Any]) -> String {
        let questions = knowledge[.questions] as? [String: Any] ?? [:]
        var text = "\(knowledge[.intents] as? Int ?? 0) intents, \(questions[.english] as? Int ?? 0) English and "
            + "\(questions[.danish] as? Int ?? 0) Danish training questions"
        if let loaded = knowledge[.loadedAt] as? String { text += ", loaded \(loaded)" }
        if let seconds = knowledge[.loadSeconds] as? Double { text += String(format: " in %.2f s", seconds) }
        if let digest = knowledge[.digest] as? String { text += " (digest \(digest))" }
        return text
    }

    private static func intents(_ object: [String: Any]) -> String {
        let rows = (object[.intents] as? [[String: Any]] ?? []).map { intent in
            (intent[.intent] as? String ?? "", (intent[.title] as? [String: Any])?[.english] as? String ?? "")
        }
        let width = rows.map(\.0.count).max() ?? 0
        let lines = rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
        return (lines + ["\(rows.count) intents"]).joined(separator: "\n")
    }

    /// `name: value` lines, nested objects flattened with dotted names, in name order.
    private static func counters(_ object: [String: Any], prefix: String = "") -> [String] {
        object.keys.sorted().flatMap { key -> [String] in
            let name = prefix + key
            if let nested = object[key] as? [String: Any] { return counters(nested, prefix: name + ".") }
            return ["\(name): \(object[key].map { "\($0)" } ?? "")"]
        }
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds)
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}

extension [String: Any] {
    /// The value of a reply's `key`.
    fileprivate subscript(_ key: ReplyKey) -> Any? { self[key.name] }
}
