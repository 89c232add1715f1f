/// How a confidence threshold is picked on validation predictions.
public enum ThresholdRule: String, Sendable, CaseIterable {
    /// The threshold that maximises accuracy over all classes with out-of-scope as a class of its own
    /// (Larson et al. 2019, the CLINC150 paper).
    case paper
    /// The threshold that maximises the mean of in-scope accuracy and out-of-scope recall.
    case balanced

    /// The thresholds tried: 0 to 1 in steps of 0.005.
    public static let candidates: [Float] = (0...200).map { Float($0) / 200 }

    /// The candidate threshold that scores best on `predictions` under this rule; the lowest one wins a tie.
    public func choose(on predictions: [CrossValidation.Prediction]) -> Float {
        var best: (threshold: Float, score: Double) = (0, -1)
        for threshold in Self.candidates {
            let score = self.score(predictions, threshold: threshold)
            if score > best.score { best = (threshold, score) }
        }
        return best.threshold
    }

    /// What this rule maximises, at `threshold`.
    public func score(_ predictions: [CrossValidation.Prediction], threshold: Float) -> Double {
        switch self {
        case .paper:
            let right = predictions.filter { prediction in
                let predicted = prediction.confidence < threshold ? Answerer.outOfScopeLabel : prediction.predicted
                return predicted == prediction.expected
            }.count
            return predictions.isEmpty ? 0 : Double(right) / Double(predictions.count)
        case .balanced:
            let metrics = ClassificationMetrics(predictions, threshold: threshold)
            return (metrics.inScopeAccuracy + metrics.outOfScopeRecall) / 2
        }
    }
}
