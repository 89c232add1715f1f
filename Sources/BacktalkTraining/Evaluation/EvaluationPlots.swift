import BacktalkCore
import BacktalkProtocol
import Foundation

/// SVG pictures of an evaluation, drawn without any plotting library: the confusion matrix and the
/// threshold sweep. Each is a complete SVG document a browser opens.
public enum EvaluationPlots {
    /// A heat map of expected (rows) against predicted (columns) labels at `threshold`, out-of-scope last.
    public static func confusionMatrix(_ predictions: [CrossValidation.Prediction], threshold: Float) -> String {
        var labels: [String] = []
        var seen: Set<String> = []
        for prediction in predictions where seen.insert(prediction.expected).inserted { labels.append(prediction.expected) }
        labels.removeAll { $0 == Answerer.outOfScopeLabel }
        labels.append(Answerer.outOfScopeLabel)
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for prediction in predictions {
            let predicted = prediction.label(at: threshold)
            guard let row = index[prediction.expected], let column = index[predicted] else { continue }
            counts[row][column] += 1
        }
        let cell = labels.count > 60 ? 6 : 18
        let margin = labels.count > 60 ? 40 : 230
        let size = margin + cell * labels.count + 20
        var svg = header(width: size, height: size, title: "Confusion matrix (rows: expected, columns: predicted)")
        for (row, rowCounts) in counts.enumerated() {
            let total = max(1, rowCounts.reduce(0, +))
            for (column, count) in rowCounts.enumerated() where count > 0 {
                let share = Double(count) / Double(total)
                let color = row == column ? "rgb(\(Int(255 - 200 * share)),\(Int(255 - 80 * share)),\(Int(255 - 200 * share)))"
                    : "rgb(\(Int(255 - 20 * share)),\(Int(255 - 200 * share)),\(Int(255 - 200 * share)))"
                svg += "<rect x=\"\(margin + column * cell)\" y=\"\(margin + row * cell)\" width=\"\(cell)\" height=\"\(cell)\" "
                    + "fill=\"\(color)\"><title>\(escape(labels[row])) → \(escape(labels[column])): \(count)</title></rect>\n"
            }
        }
        svg += "<rect x=\"\(margin)\" y=\"\(margin)\" width=\"\(cell * labels.count)\" height=\"\(cell * labels.count)\" "
            + "fill=\"none\" stroke=\"#888\"/>\n"
        if cell >= 12 {
            for (position, label) in labels.enumerated() {
                let middle = margin + position * cell + cell / 2 + 4
                svg += "<text x=\"\(margin - 4)\" y=\"\(middle)\" text-anchor=\"end\" font-size=\"11\">\(escape(label))</text>\n"
                svg += "<text transform=\"translate(\(middle - 2),\(margin - 4)) rotate(-60)\" font-size=\"11\">\(escape(label))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// In-scope accuracy and out-of-scope recall against the threshold, with `threshold` marked.
    public static func thresholdSweep(_ predictions: [CrossValidation.Prediction], threshold: Float) -> String {
        let width = 640, height = 400, left = 60, top = 40, plotWidth = 540, plotHeight = 300
        var svg = header(width: width, height: height, title: "Threshold sweep")
        func x(_ value: Float) -> Int { left + Int(value * Float(plotWidth)) }
        func y(_ value: Double) -> Int { top + plotHeight - Int(value * Double(plotHeight)) }
        svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(plotWidth)\" height=\"\(plotHeight)\" fill=\"none\" stroke=\"#888\"/>\n"
        for tick in stride(from: 0, through: 10, by: 2) {
            let value = Double(tick) / 10
            svg += "<text x=\"\(left - 6)\" y=\"\(y(value) + 4)\" text-anchor=\"end\" font-size=\"11\">\(tick * 10)%</text>\n"
            svg += "<text x=\"\(x(Float(value)))\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\" font-size=\"11\">"
                + String(format: "%.1f", value) + "</text>\n"
        }
        let points = stride(from: Float(0), through: 1.0001, by: 0.01).map { value in
            (value, ClassificationMetrics(predictions, threshold: value))
        }
        let accuracy = points.map { "\(x($0.0)),\(y($0.1.inScopeAccuracy))" }.joined(separator: " ")
        let recall = points.map { "\(x($0.0)),\(y($0.1.outOfScopeRecall))" }.joined(separator: " ")
        svg += "<polyline points=\"\(accuracy)\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n"
        svg += "<polyline points=\"\(recall)\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\"/>\n"
        svg += "<line x1=\"\(x(threshold))\" y1=\"\(top)\" x2=\"\(x(threshold))\" y2=\"\(top + plotHeight)\" stroke=\"#333\" "
            + "stroke-dasharray=\"4 3\"/>\n"
        svg += "<text x=\"\(x(threshold) + 4)\" y=\"\(top + 14)\" font-size=\"12\">"
            + String(format: "threshold %.3f", threshold) + "</text>\n"
        svg += "<text x=\"\(left)\" y=\"\(height - 12)\" font-size=\"12\" fill=\"#1f77b4\">in-scope accuracy</text>\n"
        svg += "<text x=\"\(left + 160)\" y=\"\(height - 12)\" font-size=\"12\" fill=\"#d62728\">out-of-scope recall</text>\n"
        return svg + "</svg>\n"
    }

    private static func header(width: Int, height: Int, title: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>\n"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
