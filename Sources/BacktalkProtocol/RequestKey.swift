/// The keys of a request object that backtalk reads (docs/PROTOCOL.md).
package enum RequestKey: String, CaseIterable, Sendable {
    case id, type, text, lang, session
}
