/// Writes replies in the wire layout of docs/PROTOCOL.md, for encoders that build them without
/// Foundation: the daemon's per-question encoder (`ReplyEncoder`, which precomputes an intent's fragments
/// with these functions at load) and the replies that depend on no knowledge base (errors, `stats`).
package enum ReplyWriter {
    /// `{"id":…,"type":…` (no `id` when the request had none).
    package static func begin(id: String?, type: ReplyType, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        if let id {
            string(.id, id, first: true, to: &output)
            output.append(UInt8(ascii: ","))
        }
        string(.type, type.rawValue, first: true, to: &output)
    }

    /// Closes the reply: `}` and the newline.
    package static func end(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "}"))
        output.append(0x0A)
    }

    /// `,"key":`, or `"key":` as the first member of an object.
    package static func key(_ key: ReplyKey, first: Bool = false, to output: inout [UInt8]) {
        if !first { output.append(UInt8(ascii: ",")) }
        JSONWriter.appendRaw(key.quoted, to: &output)
        output.append(UInt8(ascii: ":"))
    }

    /// `,"key":"value"`.
    package static func string(_ key: ReplyKey, _ value: String, first: Bool = false, to output: inout [UInt8]) {
        self.key(key, first: first, to: &output)
        JSONWriter.appendString(value, to: &output)
    }

    /// `,"key":0.1234`.
    package static func probability(_ key: ReplyKey, _ value: Float, to output: inout [UInt8]) {
        self.key(key, to: &output)
        JSONWriter.appendProbability(value, to: &output)
    }

    /// `,"key":[`; close it with `]`.
    package static func openList(_ key: ReplyKey, first: Bool = false, to output: inout [UInt8]) {
        self.key(key, first: first, to: &output)
        output.append(UInt8(ascii: "["))
    }

    /// `,"key":[…]` (or `"key":[…]` first in an object), each item written by `element`.
    package static func list<Items: Sequence>(
        _ key: ReplyKey, _ items: Items, first: Bool = false, to output: inout [UInt8],
        element: (Items.Element, inout [UInt8]) -> Void
    ) {
        openList(key, first: first, to: &output)
        var needsComma = false
        for item in items {
            if needsComma { output.append(UInt8(ascii: ",")) }
            element(item, &output)
            needsComma = true
        }
        output.append(UInt8(ascii: "]"))
    }

    /// `,"safety":true`.
    /// `,"safety":true,"urgency":…,"decided_by":…`: the mark of every safety answer.
    package static func safety(_ mark: SafetyMark, to output: inout [UInt8]) {
        key(.safety, to: &output)
        JSONWriter.appendRaw("true", to: &output)
        string(.urgency, mark.urgency.rawValue, to: &output)
        string(.decidedBy, mark.decidedBy.rawValue, to: &output)
    }

    /// `{"intent":…,"question":…}`: a question the person may ask next.
    package static func suggestion(intent: String, question: String) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        string(.intent, intent, first: true, to: &bytes)
        string(.question, question, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// `{"intent":…,"confidence":…}`: another intent the question might be about.
    package static func alternative(intent: String, confidence: Float, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        string(.intent, intent, first: true, to: &output)
        probability(.confidence, confidence, to: &output)
        output.append(UInt8(ascii: "}"))
    }

    /// `"lang":…,"text":…`.
    package static func languageAndText(_ language: Language, _ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        string(.lang, language.rawValue, first: true, to: &bytes)
        string(.text, text, to: &bytes)
        return bytes
    }

    /// `"lang":…,"summary":…,"detail":…,"text":…`: `text` is what a client that shows one field shows, the
    /// summary and the detail (only the detail when `detailOnly`, for "tell me more").
    package static func languageAndAnswer(
        _ language: Language, summary: String, detail: String, detailOnly: Bool = false
    ) -> [UInt8] {
        var bytes: [UInt8] = []
        string(.lang, language.rawValue, first: true, to: &bytes)
        string(.summary, summary, to: &bytes)
        string(.detail, detail, to: &bytes)
        string(.text, detailOnly ? detail : summary + "\n\n" + detail, to: &bytes)
        return bytes
    }

    /// A source an answer rests on.
    package struct Source {
        package var id: String
        package var title: String
        package var url: String?

        package init(id: String, title: String, url: String?) {
            self.id = id
            self.title = title
            self.url = url
        }
    }

    /// `"sources":[{"id":…,"title":…,"url":…},…]`.
    package static func sources(_ sources: [Source]) -> [UInt8] {
        var bytes: [UInt8] = []
        list(.sources, sources, first: true, to: &bytes) { source, bytes in
            bytes.append(UInt8(ascii: "{"))
            string(.id, source.id, first: true, to: &bytes)
            string(.title, source.title, to: &bytes)
            if let url = source.url { string(.url, url, to: &bytes) }
            bytes.append(UInt8(ascii: "}"))
        }
        return bytes
    }

    /// `"intents":[{"intent":…,"title":{"en":…,"da":…}},…]`.
    package static func intentList(_ intents: [(id: String, english: String, danish: String)]) -> [UInt8] {
        var bytes: [UInt8] = []
        list(.intents, intents, first: true, to: &bytes) { intent, bytes in
            bytes.append(UInt8(ascii: "{"))
            string(.intent, intent.id, first: true, to: &bytes)
            key(.title, to: &bytes)
            bytes.append(UInt8(ascii: "{"))
            string(.english, intent.english, first: true, to: &bytes)
            string(.danish, intent.danish, to: &bytes)
            bytes.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "}")])
        }
        return bytes
    }

    /// `,"knowledge":{"digest":…,"loaded_at":…,"load_seconds":…,"intents":…,"questions":{"en":…,"da":…}}`.
    package static func knowledge(_ knowledge: KnowledgeSummary, to output: inout [UInt8]) {
        key(.knowledge, to: &output)
        output.append(UInt8(ascii: "{"))
        string(.digest, knowledge.digest, first: true, to: &output)
        if let loadedAt = knowledge.loadedAt { string(.loadedAt, loadedAt, to: &output) }
        key(.loadSeconds, to: &output)
        JSONWriter.appendSeconds(knowledge.loadSeconds, to: &output)
        key(.intents, to: &output)
        JSONWriter.appendInteger(knowledge.intents, to: &output)
        key(.questions, to: &output)
        output.append(UInt8(ascii: "{"))
        key(.english, first: true, to: &output)
        JSONWriter.appendInteger(knowledge.englishQuestions, to: &output)
        key(.danish, to: &output)
        JSONWriter.appendInteger(knowledge.danishQuestions, to: &output)
        output.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "}")])
    }

    /// The reply to `status`: this version, the knowledge base in service, and since when and how much
    /// the daemon has served.
    package static func status(
        knowledge: KnowledgeSummary, uptimeSeconds: Double, requestsServed: Int, id: String?, to output: inout [UInt8]
    ) {
        begin(id: id, type: .status, to: &output)
        string(.version, BacktalkVersion.current, to: &output)
        self.knowledge(knowledge, to: &output)
        key(.uptimeSeconds, to: &output)
        JSONWriter.appendSeconds(uptimeSeconds, to: &output)
        key(.requestsServed, to: &output)
        JSONWriter.appendInteger(requestsServed, to: &output)
        end(to: &output)
    }

    /// The reply to a successful `reload`: the knowledge base now in service.
    package static func reloaded(_ knowledge: KnowledgeSummary, id: String?, to output: inout [UInt8]) {
        begin(id: id, type: .reloaded, to: &output)
        self.knowledge(knowledge, to: &output)
        end(to: &output)
    }

    /// The reply to `stats`.
    package static func stats(_ counters: ServerCounters, id: String?, to output: inout [UInt8]) {
        begin(id: id, type: .stats, to: &output)
        func sorted(_ table: [String: Int]) -> [(key: String, value: Int)] { table.sorted { $0.key < $1.key } }
        func named(_ counts: [(ReplyKey, Int)]) -> [(key: String, value: Int)] { counts.map { ($0.0.name, $0.1) } }
        let groups: [(name: ReplyKey, counts: [(key: String, value: Int)])] = [
            (.connections, named([
                (.open, counters.connectionsOpen), (.total, counters.connectionsTotal),
                (.refusedBusy, counters.connectionsRefused),
            ])),
            (.reloads, named([(.done, counters.reloads), (.refused, counters.reloadsRefused)])),
            (.sessions, named([
                (.open, counters.sessionsOpen), (.evicted, counters.sessionsEvicted),
                (.expired, counters.sessionsExpired),
            ])),
            (.requests, sorted(counters.requests)), (.answers, sorted(counters.answers)),
            (.safetyAnswers, sorted(counters.safetyAnswers)),
            (.intents, sorted(counters.intents)), (.errors, sorted(counters.errors)),
        ]
        for group in groups {
            key(group.name, to: &output)
            output.append(UInt8(ascii: "{"))
            for (position, count) in group.counts.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(count.key, to: &output)
                output.append(UInt8(ascii: ":"))
                JSONWriter.appendInteger(count.value, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
        end(to: &output)
    }

    /// An error reply.
    package static func error(_ error: ProtocolError, to output: inout [UInt8]) {
        begin(id: error.id, type: .error, to: &output)
        string(.code, error.code.rawValue, to: &output)
        string(.message, error.message, to: &output)
        end(to: &output)
    }
}

/// What a `status` or `reloaded` reply says about the knowledge base in service.
public struct KnowledgeSummary: Sendable {
    public var digest: String
    /// When it was loaded, as an ISO 8601 date; nil in a `reloaded` reply.
    public var loadedAt: String?
    /// How long loading and training took.
    public var loadSeconds: Double
    public var intents: Int
    public var englishQuestions: Int
    public var danishQuestions: Int

    public init(
        digest: String, loadedAt: String?, loadSeconds: Double, intents: Int, englishQuestions: Int,
        danishQuestions: Int
    ) {
        self.digest = digest
        self.loadedAt = loadedAt
        self.loadSeconds = loadSeconds
        self.intents = intents
        self.englishQuestions = englishQuestions
        self.danishQuestions = danishQuestions
    }
}
