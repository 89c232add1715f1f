/// Who may invite the bot into a room (`--allow`, given once per pattern): a user ID (`@alice:example.org`)
/// allows that user, a server name (`example.org`, or `:example.org`) every user of that server. Nobody
/// else: with no pattern the bot joins no room.
public struct InviterAllowList: Sendable {
    private let users: Set<String>
    private let servers: Set<String>

    /// A pattern that is neither a user ID nor a server name.
    public struct InvalidPattern: Error, CustomStringConvertible {
        public let pattern: String
        public var description: String {
            "--allow \(pattern): give a user ID (@alice:example.org) or a server name (example.org)"
        }
    }

    public init(_ patterns: [String]) throws(InvalidPattern) {
        var users: Set<String> = []
        var servers: Set<String> = []
        for pattern in patterns {
            if pattern.hasPrefix("@") {
                guard let server = Self.server(of: pattern), !server.isEmpty, pattern.count > server.count + 2 else {
                    throw InvalidPattern(pattern: pattern)
                }
                users.insert(pattern)
            } else {
                let server = pattern.hasPrefix(":") ? String(pattern.dropFirst()) : pattern
                guard !server.isEmpty, !server.contains("@"), !server.contains(where: \.isWhitespace) else {
                    throw InvalidPattern(pattern: pattern)
                }
                servers.insert(server.lowercased())
            }
        }
        self.users = users
        self.servers = servers
    }

    /// Whether `userID` (`@localpart:server`) may invite the bot.
    public func allows(_ userID: String) -> Bool {
        if users.contains(userID) { return true }
        guard userID.hasPrefix("@"), let server = Self.server(of: userID) else { return false }
        return servers.contains(server.lowercased())
    }

    /// The server name of a user ID: what follows its first colon.
    private static func server(of userID: String) -> String? {
        userID.firstIndex(of: ":").map { String(userID[userID.index(after: $0)...]) }
    }
}
