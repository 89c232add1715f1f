/// What the daemon has done since it started, for the `stats` request: counts and intent ids only,
/// never question text.
public struct ServerCounters: Sendable, Equatable {
    public var connectionsOpen = 0
    public var connectionsTotal = 0
    /// Connections refused with `busy` because the cap was reached.
    public var connectionsRefused = 0
    /// Requests by type (`ask`, `status`, …); malformed lines count under `error`.
    public var requests: [String: Int] = [:]
    /// Replies to `ask` by kind: `answer`, `fallback`, `clarify`, `safety`.
    public var answers: [String: Int] = [:]
    /// Answers by intent id.
    public var intents: [String: Int] = [:]
    /// Error replies by code.
    public var errors: [String: Int] = [:]
    public var reloads = 0
    public var reloadsRefused = 0
    /// Conversations remembered now, dropped to make room, and forgotten after their time to live.
    public var sessionsOpen = 0
    public var sessionsEvicted = 0
    public var sessionsExpired = 0

    public init() {}
}

extension ReplyEncoder {
    /// Appends the reply to `stats`.
    public static func encode(_ counters: ServerCounters, id: String?, to output: inout [UInt8]) {
        beginReply(id: id, type: "stats", to: &output)
        func sorted(_ table: [String: Int]) -> [(key: String, value: Int)] { table.sorted { $0.key < $1.key } }
        let groups: [(name: String, counts: [(key: String, value: Int)])] = [
            ("connections", [
                ("open", counters.connectionsOpen), ("total", counters.connectionsTotal),
                ("refused_busy", counters.connectionsRefused),
            ]),
            ("reloads", [("done", counters.reloads), ("refused", counters.reloadsRefused)]),
            ("sessions", [
                ("open", counters.sessionsOpen), ("evicted", counters.sessionsEvicted),
                ("expired", counters.sessionsExpired),
            ]),
            ("requests", sorted(counters.requests)), ("answers", sorted(counters.answers)),
            ("intents", sorted(counters.intents)), ("errors", sorted(counters.errors)),
        ]
        for group in groups {
            output.append(UInt8(ascii: ","))
            JSONWriter.appendString(group.name, to: &output)
            JSONWriter.appendRaw(":{", to: &output)
            for (position, count) in group.counts.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(count.key, to: &output)
                output.append(UInt8(ascii: ":"))
                JSONWriter.appendInteger(count.value, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
        endReply(to: &output)
    }

    /// Appends the reply to a successful `reload`: the knowledge base now in service.
    public func encodeReloaded(id: String?, loadSeconds: Double, to output: inout [UInt8]) {
        Self.beginReply(id: id, type: "reloaded", to: &output)
        JSONWriter.appendRaw(",\"knowledge\":", to: &output)
        appendKnowledge(loadSeconds: loadSeconds, loadedAt: nil, to: &output)
        Self.endReply(to: &output)
    }
}
