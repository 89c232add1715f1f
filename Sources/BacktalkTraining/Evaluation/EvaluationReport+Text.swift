import BacktalkCore
import BacktalkProtocol
import Foundation

extension EvaluationReport {
    /// The report as text for a person: scores, the threshold sweep with the threshold in use marked, the
    /// confusions and the per-intent table.
    public var text: String {
        var lines: [String] = []
        func percent(_ value: Double) -> String { String(format: "%5.1f%%", value * 100) }
        lines.append("in-scope accuracy  \(percent(inScopeAccuracy))")
        lines.append("macro F1           \(String(format: "%6.3f", macroF1))")
        lines.append("out-of-scope       recall \(percent(oosRecall)), precision \(percent(oosPrecision))")
        lines.append(String(format: "threshold          %.3f", threshold))
        lines.append(String(format: "training           %.2f s", trainSeconds))
        if classifyP50Microseconds > 0 {
            lines.append(
                String(format: "classification     p50 %.1f µs, p99 %.1f µs per query", classifyP50Microseconds, classifyP99Microseconds))
        }
        if !byLength.isEmpty {
            lines.append("")
            lines.append("words       in-scope            out-of-scope")
            for band in byLength {
                func share(_ right: Int, _ all: Int) -> String {
                    all == 0 ? "       -        " : "\(percent(Double(right) / Double(all))) (\(right)/\(all))".padding(toLength: 16, withPad: " ", startingAt: 0)
                }
                lines.append(
                    band.words.padding(toLength: 10, withPad: " ", startingAt: 0) + "  "
                        + share(band.inScopeRight, band.inScope) + "    " + share(band.outOfScopeRight, band.outOfScope))
            }
        }
        if let twoQuestions {
            lines.append(
                "two questions: \(twoQuestions.bothServed) of \(twoQuestions.asked) got one answered and the other "
                    + "offered first")
        }
        lines.append("")
        lines.append("threshold  in-scope  out-of-scope recall")
        for point in thresholdSweep {
            let marker = abs(point.threshold - threshold) < 0.025 ? "   <- nearest to the threshold in use" : ""
            lines.append(
                String(format: "%9.2f   %@   %@", point.threshold, percent(point.inScopeAccuracy), percent(point.oosRecall)) + marker)
        }
        if !confusions.isEmpty {
            lines.append("")
            lines.append("most frequent confusions (expected -> predicted, count, example)")
            for confusion in confusions.prefix(10) {
                lines.append("  \(confusion.expected) -> \(confusion.predicted)  \(confusion.count)  \"\(confusion.example)\"")
            }
        }
        lines.append("")
        let width = max(6, perIntent.map(\.intent.count).max() ?? 6)
        lines.append("intent".padding(toLength: width, withPad: " ", startingAt: 0) + "  precision  recall     F1  support")
        for score in perIntent {
            lines.append(
                score.intent.padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(format: "  %9.3f  %6.3f  %5.3f  %7d", score.precision, score.recall, score.f1, score.support))
        }
        return lines.joined(separator: "\n")
    }
}
