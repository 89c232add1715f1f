/// Colours for `backtalk chat`: on when the output is a terminal, off when it is not, when `NO_COLOR` is
/// set (https://no-color.org) or when `TERM` is `dumb`.
public struct ChatStyle: Sendable {
    public let colours: Bool

    public init(outputIsTerminal: Bool, environment: [String: String]) {
        colours = outputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// A style without colours.
    public static let plain = ChatStyle(outputIsTerminal: false, environment: [:])

    private func paint(_ text: String, _ code: String) -> String {
        colours ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The prompt.
    public func prompt(_ text: String) -> String { paint(text, "1;36") }
    /// Headings such as "You could also ask:".
    public func heading(_ text: String) -> String { paint(text, "1") }
    /// The number of a follow-up.
    public func number(_ text: String) -> String { paint(text, "36") }
    /// A safety answer: see a doctor.
    public func warning(_ text: String) -> String { paint(text, "1;31") }
    /// Sources and notes.
    public func dim(_ text: String) -> String { paint(text, "2") }
}
