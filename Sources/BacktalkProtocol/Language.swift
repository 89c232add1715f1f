/// A language backtalk answers in.
public enum Language: String, Sendable, CaseIterable, Codable, Hashable {
    case english = "en"
    case danish = "da"

    /// The language's name in English, for messages.
    public var name: String {
        switch self {
        case .english: "English"
        case .danish: "Danish"
        }
    }
}
