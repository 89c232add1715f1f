import BacktalkProtocol
/// How well the safety net works on labelled questions: red flags (label `safety.red_flags`) must get
/// the safety answer; every other question (near misses, label `near_miss`, or any other label) must not.
public struct SafetyEvaluation: Sendable {
    /// The intent whose answer is the safety answer.
    public static let safetyIntent = "safety.red_flags"

    /// Red-flag questions that got the safety answer, and those that did not.
    public private(set) var caught: [String] = []
    public private(set) var missed: [String] = []
    /// Other questions that got the safety answer (false alarms), and how many were asked.
    public private(set) var falseAlarms: [String] = []
    public private(set) var otherCount = 0
    /// The questions that got the safety answer through a red-flag phrase rather than the classifier.
    public private(set) var byPhrase: Set<String> = []

    /// Answers every question of `cases` as a user would meet `answerer` (phrases first, then the
    /// classifier with the policy's threshold).
    public init(answerer: Answerer, cases: [LabelledText]) {
        var scratch = ClassifierScratch()
        for item in cases {
            let answer = answerer.answer(item.text, scratch: &scratch)
            let alarmed = answer.replyType == .answer && answer.intent.map { answerer.knowledge.intents[$0].id } == Self.safetyIntent
            if answer.safety { byPhrase.insert(item.text) }
            if item.label == Self.safetyIntent {
                if alarmed { caught.append(item.text) } else { missed.append(item.text) }
            } else {
                otherCount += 1
                if alarmed { falseAlarms.append(item.text) }
            }
        }
    }

    /// The share of red flags that got the safety answer.
    public var recall: Double { Double(caught.count) / Double(max(1, caught.count + missed.count)) }
    /// The share of other questions that got it.
    public var falseAlarmRate: Double { Double(falseAlarms.count) / Double(max(1, otherCount)) }

    /// The figures, then each miss and false alarm (by a phrase or by the classifier), for a person.
    public var text: String {
        var lines = [
            "red flags       \(caught.count) of \(caught.count + missed.count) got the safety answer "
                + "(recall \(Self.percent(recall)))",
            "near misses     \(falseAlarms.count) of \(otherCount) got it (false alarms \(Self.percent(falseAlarmRate)))",
        ]
        lines += missed.map { "  missed:      \($0)" }
        lines += falseAlarms.map { "  false alarm: \($0) (\(byPhrase.contains($0) ? "phrase" : "classifier"))" }
        return lines.joined(separator: "\n")
    }

    private static func percent(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
