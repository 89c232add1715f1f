import BacktalkCore
import BacktalkProtocol

/// Scores of predictions at one confidence threshold, out-of-scope being the label `oos`: a prediction
/// below the threshold, or of `oos`, counts as out-of-scope.
public struct ClassificationMetrics: Sendable {
    /// Precision, recall and F1 of one label.
    public struct LabelScore: Sendable {
        public var label: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var support: Int
    }

    /// Share of in-scope texts given their label.
    public var inScopeAccuracy: Double
    /// Share of out-of-scope texts predicted out-of-scope.
    public var outOfScopeRecall: Double
    /// Share of out-of-scope predictions that were out-of-scope.
    public var outOfScopePrecision: Double
    /// Mean F1 over the in-scope labels.
    public var macroF1: Double
    /// Per in-scope label, in order of first appearance.
    public var perLabel: [LabelScore]

    /// Scores `predictions` at `threshold`.
    public init(_ predictions: [CrossValidation.Prediction], threshold: Float) {
        let outOfScope = Answerer.outOfScopeLabel
        var truePositives: [String: Int] = [:]
        var predictedCount: [String: Int] = [:]
        var support: [String: Int] = [:]
        var labels: [String] = []
        var inScope = 0, inScopeRight = 0, outTotal = 0, outRight = 0, outPredicted = 0
        for prediction in predictions {
            let predicted = prediction.label(at: threshold)
            if prediction.expected != outOfScope && support[prediction.expected] == nil { labels.append(prediction.expected) }
            support[prediction.expected, default: 0] += 1
            predictedCount[predicted, default: 0] += 1
            if predicted == prediction.expected { truePositives[predicted, default: 0] += 1 }
            if predicted == outOfScope { outPredicted += 1 }
            if prediction.expected == outOfScope {
                outTotal += 1
                if predicted == outOfScope { outRight += 1 }
            } else {
                inScope += 1
                if predicted == prediction.expected { inScopeRight += 1 }
            }
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        perLabel = labels.map { label in
            let precision = ratio(truePositives[label] ?? 0, predictedCount[label] ?? 0)
            let recall = ratio(truePositives[label] ?? 0, support[label] ?? 0)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return LabelScore(label: label, precision: precision, recall: recall, f1: f1, support: support[label] ?? 0)
        }
        inScopeAccuracy = ratio(inScopeRight, inScope)
        outOfScopeRecall = ratio(outRight, outTotal)
        outOfScopePrecision = ratio(outRight, outPredicted)
        macroF1 = perLabel.isEmpty ? 0 : perLabel.map(\.f1).reduce(0, +) / Double(perLabel.count)
    }
}
