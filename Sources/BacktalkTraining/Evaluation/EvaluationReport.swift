import BacktalkCore
import BacktalkProtocol

/// Everything `backtalkd eval` reports about predictions at one threshold: overall scores, per intent,
/// the most frequent confusions and a threshold sweep. Encodes to the JSON of `--format json`.
public struct EvaluationReport: Encodable, Sendable {
    public struct IntentScore: Encodable, Sendable {
        public var intent: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var support: Int
    }

    public struct Confusion: Encodable, Sendable {
        public var expected: String
        public var predicted: String
        public var count: Int
        /// One question that was confused this way.
        public var example: String
    }

    public struct SweepPoint: Encodable, Sendable {
        public var threshold: Float
        public var inScopeAccuracy: Double
        public var oosRecall: Double

        enum CodingKeys: String, CodingKey {
            case threshold
            case inScopeAccuracy = "in_scope_accuracy"
            case oosRecall = "oos_recall"
        }
    }

    /// The scores of messages of one length, in words.
    public struct LengthBand: Encodable, Sendable {
        public var words: String
        public var inScope: Int
        public var inScopeRight: Int
        public var outOfScope: Int
        public var outOfScopeRight: Int

        enum CodingKeys: String, CodingKey {
            case words
            case inScope = "in_scope"
            case inScopeRight = "in_scope_right"
            case outOfScope = "out_of_scope"
            case outOfScopeRight = "out_of_scope_right"
        }
    }

    /// Messages that ask two questions: how many, and how many got one answered and the other offered first.
    public struct TwoQuestions: Encodable, Sendable {
        public var asked: Int
        public var bothServed: Int

        enum CodingKeys: String, CodingKey {
            case asked
            case bothServed = "both_served"
        }
    }

    /// The lengths `byLength` reports, as word counts below each band's end.
    static let lengthBands: [(words: String, below: Int)] = [("under 15", 15), ("15-29", 30), ("30+", .max)]

    public var inScopeAccuracy: Double
    public var macroF1: Double
    public var oosRecall: Double
    public var oosPrecision: Double
    public var threshold: Float
    public var trainSeconds: Double
    public var classifyP50Microseconds: Double
    public var classifyP99Microseconds: Double
    public var perIntent: [IntentScore]
    public var confusions: [Confusion]
    public var thresholdSweep: [SweepPoint]
    /// The scores by message length; empty for cross-validation.
    public var byLength: [LengthBand]
    /// Nil when no message was labelled with a second question.
    public var twoQuestions: TwoQuestions?

    enum CodingKeys: String, CodingKey {
        case inScopeAccuracy = "in_scope_accuracy"
        case macroF1 = "macro_f1"
        case oosRecall = "oos_recall"
        case oosPrecision = "oos_precision"
        case threshold
        case trainSeconds = "train_seconds"
        case classifyP50Microseconds = "classify_p50_us"
        case classifyP99Microseconds = "classify_p99_us"
        case perIntent = "per_intent"
        case confusions
        case thresholdSweep = "threshold_sweep"
        case byLength = "by_length"
        case twoQuestions = "two_questions"
    }

    /// Scores `predictions` at `threshold`; `microseconds` are the classification times, if measured.
    public init(
        predictions: [CrossValidation.Prediction], threshold: Float, trainSeconds: Double, microseconds: [Double] = []
    ) {
        let metrics = ClassificationMetrics(predictions, threshold: threshold)
        inScopeAccuracy = metrics.inScopeAccuracy
        macroF1 = metrics.macroF1
        oosRecall = metrics.outOfScopeRecall
        oosPrecision = metrics.outOfScopePrecision
        self.threshold = threshold
        self.trainSeconds = trainSeconds
        let sorted = microseconds.sorted()
        func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        classifyP50Microseconds = percentile(0.5)
        classifyP99Microseconds = percentile(0.99)
        perIntent = metrics.perLabel.map {
            IntentScore(intent: $0.label, precision: $0.precision, recall: $0.recall, f1: $0.f1, support: $0.support)
        }
        var counts: [String: (count: Int, example: String, expected: String, predicted: String)] = [:]
        for prediction in predictions {
            let predicted = prediction.label(at: threshold)
            guard predicted != prediction.expected else { continue }
            let key = prediction.expected + "\u{0}" + predicted
            counts[key, default: (0, prediction.text, prediction.expected, predicted)].count += 1
        }
        confusions = counts.values
            .sorted { $0.count != $1.count ? $0.count > $1.count : ($0.expected, $0.predicted) < ($1.expected, $1.predicted) }
            .prefix(20)
            .map { Confusion(expected: $0.expected, predicted: $0.predicted, count: $0.count, example: $0.example) }
        byLength = microseconds.isEmpty ? [] : Self.lengthBands.map { band in
            LengthBand(words: band.words, inScope: 0, inScopeRight: 0, outOfScope: 0, outOfScopeRight: 0)
        }
        if !byLength.isEmpty {
            for prediction in predictions {
                let words = prediction.text.split(whereSeparator: \.isWhitespace).count
                guard let band = Self.lengthBands.firstIndex(where: { words < $0.below }) else { continue }
                let right = prediction.label(at: threshold) == prediction.expected
                if prediction.expected == Answerer.outOfScopeLabel {
                    byLength[band].outOfScope += 1
                    if right { byLength[band].outOfScopeRight += 1 }
                } else {
                    byLength[band].inScope += 1
                    if right { byLength[band].inScopeRight += 1 }
                }
            }
        }
        let twoQuestionPredictions = predictions.filter { $0.also != nil }
        twoQuestions = twoQuestionPredictions.isEmpty ? nil : TwoQuestions(
            asked: twoQuestionPredictions.count,
            bothServed: twoQuestionPredictions.filter { prediction in
                let served: Set = [prediction.label(at: threshold), prediction.offeredFirst ?? ""]
                return served == [prediction.expected, prediction.also ?? ""]
            }.count)
        thresholdSweep = stride(from: Float(0), through: 0.951, by: 0.05).map { value in
            let swept = ClassificationMetrics(predictions, threshold: value)
            return SweepPoint(threshold: value, inScopeAccuracy: swept.inScopeAccuracy, oosRecall: swept.outOfScopeRecall)
        }
    }
}
