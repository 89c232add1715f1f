/// How urgent a safety answer is: the reply's `urgency` on the wire.
public enum Urgency: String, Sendable, CaseIterable {
    /// Get help now: possible cauda equina, a serious accident, chest pain.
    case emergency
    /// A doctor the same day: fever, weight loss, cancer, night pain, a fall with osteoporosis or steroids.
    case urgent
}

/// What decided that a question gets a safety answer: the reply's `decided_by` on the wire.
public enum SafetyDecision: String, Sendable, CaseIterable {
    /// A red-flag phrase of the knowledge base matched the question.
    case phrase
    /// The emergency detector was sure enough without a phrase.
    case detector
}

/// What marks a safety answer, however it was reached: its urgency and what decided it.
public struct SafetyMark: Sendable, Equatable {
    public var urgency: Urgency
    public var decidedBy: SafetyDecision

    public init(urgency: Urgency, decidedBy: SafetyDecision) {
        self.urgency = urgency
        self.decidedBy = decidedBy
    }

    /// The name `stats` counts it under: `urgency.decided_by`, e.g. `emergency.phrase`.
    public var countName: String { "\(urgency.rawValue).\(decidedBy.rawValue)" }
}
