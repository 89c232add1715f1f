/// One IRC protocol message (RFC 2812 §2.3): `[:prefix] COMMAND params… [:trailing]`.
public struct IRCMessage: Equatable, Sendable {
    /// Who sent it (`nick!user@host` or a server name); nil for messages a client sends.
    public var prefix: String?
    /// The command or three-digit reply code, e.g. `PRIVMSG`, `001`.
    public var command: String
    public var parameters: [String]

    public init(prefix: String? = nil, _ command: String, _ parameters: [String] = []) {
        self.prefix = prefix
        self.command = command
        self.parameters = parameters
    }

    /// Parses one line without its line ending; nil when it holds no command.
    public init?(line: Substring) {
        var rest = line.drop { $0 == " " }
        if rest.first == ":" {
            guard let space = rest.firstIndex(of: " ") else { return nil }
            prefix = String(rest[rest.index(after: rest.startIndex)..<space])
            rest = rest[space...].drop { $0 == " " }
        }
        var parameters: [String] = []
        var command: String?
        while !rest.isEmpty {
            if command != nil, rest.first == ":" {
                parameters.append(String(rest.dropFirst()))
                break
            }
            let end = rest.firstIndex(of: " ") ?? rest.endIndex
            let word = String(rest[..<end])
            if command == nil { command = word.uppercased() } else { parameters.append(word) }
            rest = rest[end...].drop { $0 == " " }
        }
        guard let command, !command.isEmpty else { return nil }
        self.command = command
        self.parameters = parameters
    }

    /// The nick of the sender, from a `nick!user@host` prefix.
    public var senderNick: String? {
        prefix.map { String($0.prefix { $0 != "!" && $0 != "@" }) }
    }

    /// The message as a line, without the line ending. The last parameter is sent as trailing (after
    /// `:`) so that it may hold spaces.
    public var line: String {
        var parts: [String] = []
        if let prefix { parts.append(":" + prefix) }
        parts.append(command)
        for (index, parameter) in parameters.enumerated() {
            parts.append(index == parameters.count - 1 ? ":" + parameter : parameter)
        }
        return parts.joined(separator: " ")
    }
}
