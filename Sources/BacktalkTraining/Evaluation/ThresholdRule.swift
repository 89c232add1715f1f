import BacktalkCore
import BacktalkProtocol

/// How a confidence threshold is picked on validation predictions.
public enum ThresholdRule: String, Sendable, CaseIterable {
    /// The threshold that maximises accuracy over all classes with out-of-scope as a class of its own
    /// (Larson et al. 2019, the CLINC150 paper).
    case paper
    /// The threshold that maximises the mean of in-scope accuracy and out-of-scope recall.
    case balanced

    /// The threshold that scores best on `predictions` under this rule, searched exactly: every confidence
    /// the predictions have is tried (a prediction below the threshold counts as out-of-scope), and the
    /// lowest of equally good thresholds wins.
    public func choose(on predictions: [CrossValidation.Prediction]) -> Float {
        let steps = scoreSteps(predictions)
        var score = steps.reduce(0) { $0 + $1.kept }
        var best = (threshold: Float(0), score: score)
        var index = 0
        while index < steps.count {
            let confidence = steps[index].confidence
            while index < steps.count && steps[index].confidence == confidence {
                score += steps[index].rejected - steps[index].kept
                index += 1
            }
            if score > best.score + 1e-9 {
                best = (index < steps.count ? steps[index].confidence : confidence.nextUp, score)
            }
        }
        return best.threshold
    }

    /// What each prediction adds to this rule's score when the threshold keeps it and when it rejects it,
    /// in order of confidence.
    private func scoreSteps(
        _ predictions: [CrossValidation.Prediction]
    ) -> [(confidence: Float, kept: Double, rejected: Double)] {
        let outOfScope = Answerer.outOfScopeLabel
        let outOfScopeCount = predictions.count { $0.expected == outOfScope }
        let inScopeCount = predictions.count - outOfScopeCount
        return predictions.map { prediction in
            let right: Double = prediction.predicted == prediction.expected ? 1 : 0
            switch self {
            case .paper:
                return (prediction.confidence, right, prediction.expected == outOfScope ? 1 : 0)
            case .balanced where prediction.expected == outOfScope:
                let share = 0.5 / Double(outOfScopeCount)
                return (prediction.confidence, right * share, share)
            case .balanced:
                return (prediction.confidence, right * 0.5 / Double(inScopeCount), 0)
            }
        }.sorted { $0.confidence < $1.confidence }
    }

    /// What this rule maximises, at `threshold`.
    public func score(_ predictions: [CrossValidation.Prediction], threshold: Float) -> Double {
        switch self {
        case .paper:
            let right = predictions.filter { prediction in
                let predicted = prediction.label(at: threshold)
                return predicted == prediction.expected
            }.count
            return predictions.isEmpty ? 0 : Double(right) / Double(predictions.count)
        case .balanced:
            let metrics = ClassificationMetrics(predictions, threshold: threshold)
            return (metrics.inScopeAccuracy + metrics.outOfScopeRecall) / 2
        }
    }
}
