import Foundation

/// Which messages of a room are for the bot, and the question each asks. In a direct chat, every message.
/// In a group room, a message that mentions the bot (its user ID among the event's `m.mentions`, or its
/// name or user ID first in the text, followed by ":" or ","), or that starts with the command prefix
/// (`!backtalk`). The name or prefix in front is left out of the question (after a mention, also when
/// only a space follows it).
public struct Addressing: Sendable {
    /// The bot's user ID, `@backtalk:example.org`.
    public var botUserID: String
    /// The bot's display name, which clients put in front of a mention.
    public var displayName: String?
    /// The command that addresses the bot in a group room.
    public var prefix: String

    public init(botUserID: String, displayName: String? = nil, prefix: String = "!backtalk") {
        self.botUserID = botUserID
        self.displayName = displayName
        self.prefix = prefix
    }

    /// The question `body` asks the bot, or nil when the message is not for it; `mentionsBot` is whether the
    /// event's `m.mentions.user_ids` has the bot's user ID.
    public func question(in body: String, mentionsBot: Bool, isDirectChat: Bool) -> String? {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if let rest = Self.after(prefix, in: text, separators: [" "]) { return rest.isEmpty ? nil : rest }
        let names = [displayName, botUserID, Self.localpart(of: botUserID)].compactMap { $0 }.filter { !$0.isEmpty }
        // A mention pill puts the name in front, often with no punctuation after it.
        let separators: [Character] = mentionsBot ? [":", ",", " "] : [":", ","]
        for name in names {
            if let rest = Self.after(name, in: text, separators: separators) { return rest.isEmpty ? nil : rest }
        }
        if isDirectChat || mentionsBot { return text.isEmpty ? nil : text }
        return nil
    }

    /// What follows `head` and one of `separators` at the start of `text` (case-insensitive), trimmed; nil
    /// when `text` does not start so. `head` alone is an empty question.
    private static func after(_ head: String, in text: String, separators: [Character]) -> String? {
        guard text.lowercased().hasPrefix(head.lowercased()) else { return nil }
        let rest = text.dropFirst(head.count)
        guard let first = rest.first else { return "" }
        guard separators.contains(first) else { return nil }
        return rest.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `backtalk` of `@backtalk:example.org`.
    private static func localpart(of userID: String) -> String? {
        guard userID.hasPrefix("@"), let colon = userID.firstIndex(of: ":") else { return nil }
        return String(userID[userID.index(after: userID.startIndex)..<colon])
    }
}
