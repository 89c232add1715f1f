/// The keys of reply objects on the wire (docs/PROTOCOL.md). Each key's bytes are a static string, so
/// writing one on the per-question path copies bytes and allocates nothing.
package enum ReplyKey: CaseIterable, Sendable {
    case id, type, intent, context, confidence, lang, summary, detail, text, followUps, suggestions, options, sources
    case alternatives, safety, urgency, decidedBy, via, code, message, question, title, url, version, knowledge, uptimeSeconds
    case requestsServed, digest, loadedAt, loadSeconds, intents, questions, english, danish
    /// The groups and counters of a `stats` reply.
    case connections, open, total, refusedBusy, reloads, done, refused, sessions, evicted, expired, requests
    case answers, safetyAnswers, errors

    /// `"key"`, quotes included.
    package var quoted: StaticString {
        switch self {
        case .id: "\"id\""
        case .type: "\"type\""
        case .intent: "\"intent\""
        case .context: "\"context\""
        case .confidence: "\"confidence\""
        case .lang: "\"lang\""
        case .summary: "\"summary\""
        case .detail: "\"detail\""
        case .text: "\"text\""
        case .followUps: "\"follow_ups\""
        case .suggestions: "\"suggestions\""
        case .options: "\"options\""
        case .sources: "\"sources\""
        case .alternatives: "\"alternatives\""
        case .safety: "\"safety\""
        case .urgency: "\"urgency\""
        case .decidedBy: "\"decided_by\""
        case .via: "\"via\""
        case .code: "\"code\""
        case .message: "\"message\""
        case .question: "\"question\""
        case .title: "\"title\""
        case .url: "\"url\""
        case .version: "\"version\""
        case .knowledge: "\"knowledge\""
        case .uptimeSeconds: "\"uptime_seconds\""
        case .requestsServed: "\"requests_served\""
        case .digest: "\"digest\""
        case .loadedAt: "\"loaded_at\""
        case .loadSeconds: "\"load_seconds\""
        case .intents: "\"intents\""
        case .questions: "\"questions\""
        case .english: "\"en\""
        case .danish: "\"da\""
        case .connections: "\"connections\""
        case .open: "\"open\""
        case .total: "\"total\""
        case .refusedBusy: "\"refused_busy\""
        case .reloads: "\"reloads\""
        case .done: "\"done\""
        case .refused: "\"refused\""
        case .sessions: "\"sessions\""
        case .evicted: "\"evicted\""
        case .expired: "\"expired\""
        case .requests: "\"requests\""
        case .answers: "\"answers\""
        case .safetyAnswers: "\"safety_answers\""
        case .errors: "\"errors\""
        }
    }

    /// The key's name, without quotes.
    package var name: String {
        let quoted = quoted.description
        return String(quoted.dropFirst().dropLast())
    }
}
