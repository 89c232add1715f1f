import BacktalkCore
import BacktalkProtocol

/// How well the safety net works on labelled questions: red flags (label `safety.red_flags`, or one of its
/// levels `safety.red_flags.emergency` and `safety.red_flags.urgent`) must get a safety answer, a labelled
/// level that level's; every other question (near misses, label `near_miss`, or any other label) must not.
public struct SafetyEvaluation: Sendable {
    /// The intent whose answer is the safety answer.
    public static let safetyIntent = "safety.red_flags"

    /// Red-flag questions that got the safety answer, and those that did not.
    public private(set) var caught: [String] = []
    public private(set) var missed: [String] = []
    /// Other questions that got the safety answer (false alarms), and how many were asked.
    public private(set) var falseAlarms: [String] = []
    public private(set) var otherCount = 0
    /// The questions that got the safety answer through a red-flag rule rather than the emergency
    /// detector, with the rule's name and the phrase that matched.
    public private(set) var byRule: [String: String] = [:]
    /// For each level red flags were labelled with (`safety.red_flags.emergency`, …): how many, and how many
    /// got the safety answer of that level; and the red flags answered at another level.
    public private(set) var byLevel: [String: (asked: Int, atTheirLevel: Int)] = [:]
    public private(set) var atAnotherLevel: [(text: String, expected: String, answered: String)] = []

    /// Answers every question of `cases` as a user would meet `answerer` (phrases first, then the
    /// classifier with the policy's threshold).
    public init(answerer: Answerer, cases: [LabelledText]) {
        var scratch = ClassifierScratch()
        for item in cases {
            let answer = answerer.answer(item.text, scratch: &scratch)
            let answered = answer.replyType == .answer ? answer.intent.map { answerer.knowledge.intents[$0].id } : nil
            let alarmed = answered.map { IntentID.counts($0, as: Self.safetyIntent) } ?? false
            if answer.safety?.decidedBy == .phrase, let match = answerer.redFlagMatch(item.text) {
                byRule[item.text] = "\(match.rule): \(match.phrase)"
            }
            if IntentID.counts(item.label, as: Self.safetyIntent) {
                if alarmed { caught.append(item.text) } else { missed.append(item.text) }
                if item.label != Self.safetyIntent {
                    byLevel[item.label, default: (0, 0)].asked += 1
                    if answered == item.label {
                        byLevel[item.label, default: (0, 0)].atTheirLevel += 1
                    } else if alarmed, let answered {
                        atAnotherLevel.append((item.text, item.label, answered))
                    }
                }
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

    /// The figures, then each miss and false alarm (by the rule that fired, or by the detector), for a person.
    public var text: String {
        var lines = [
            "red flags       \(caught.count) of \(caught.count + missed.count) got the safety answer "
                + "(recall \(Self.percent(recall)))",
            "near misses     \(falseAlarms.count) of \(otherCount) got it (false alarms \(Self.percent(falseAlarmRate)))",
        ]
        for (level, counts) in byLevel.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "\(level): \(counts.atTheirLevel) of \(counts.asked) answered at that level "
                    + "(\(Self.percent(Double(counts.atTheirLevel) / Double(max(1, counts.asked)))))")
        }
        lines += missed.map { "  missed:      \($0)" }
        lines += atAnotherLevel.map { "  level:       \($0.text) (\($0.expected) answered as \($0.answered))" }
        lines += falseAlarms.map { "  false alarm: \($0) (\(byRule[$0].map { "rule \($0)" } ?? "detector"))" }
        return lines.joined(separator: "\n")
    }

    private static func percent(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
