import BacktalkProtocol

/// One value per language.
public struct Localized<Value: Sendable>: Sendable {
    public var english: Value
    public var danish: Value

    public init(english: Value, danish: Value) {
        self.english = english
        self.danish = danish
    }

    public subscript(language: Language) -> Value {
        get {
            switch language {
            case .english: english
            case .danish: danish
            }
        }
        set {
            switch language {
            case .english: english = newValue
            case .danish: danish = newValue
            }
        }
    }
}

extension Localized: Equatable where Value: Equatable {}
