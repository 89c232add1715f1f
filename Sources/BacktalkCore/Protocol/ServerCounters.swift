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

    public init() {}
}

extension ReplyEncoder {
    /// Appends the reply to `stats`.
    public static func encode(_ counters: ServerCounters, id: String?, to output: inout [UInt8]) {
        beginReply(id: id, type: "stats", to: &output)
        JSONWriter.appendRaw(",\"connections\":{\"open\":", to: &output)
        JSONWriter.appendInteger(counters.connectionsOpen, to: &output)
        JSONWriter.appendRaw(",\"total\":", to: &output)
        JSONWriter.appendInteger(counters.connectionsTotal, to: &output)
        JSONWriter.appendRaw(",\"refused_busy\":", to: &output)
        JSONWriter.appendInteger(counters.connectionsRefused, to: &output)
        JSONWriter.appendRaw("},\"reloads\":{\"done\":", to: &output)
        JSONWriter.appendInteger(counters.reloads, to: &output)
        JSONWriter.appendRaw(",\"refused\":", to: &output)
        JSONWriter.appendInteger(counters.reloadsRefused, to: &output)
        output.append(UInt8(ascii: "}"))
        for (name, table) in [("requests", counters.requests), ("answers", counters.answers), ("intents", counters.intents),
                              ("errors", counters.errors)] {
            output.append(UInt8(ascii: ","))
            JSONWriter.appendString(name, to: &output)
            JSONWriter.appendRaw(":{", to: &output)
            for (position, key) in table.keys.sorted().enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                JSONWriter.appendInteger(table[key]!, to: &output)
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
