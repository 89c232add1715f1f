import BacktalkCore
import BacktalkProtocol
import Foundation

/// One measurement of answer quality: a classifier trained one way, its predictions on labelled questions,
/// and the threshold they are read at. `backtalkd eval` chooses the kind from its options and prints the
/// ``report``.
public struct EvaluationRun: Sendable {
    public var predictions: [CrossValidation.Prediction]
    public var threshold: Float
    /// Seconds to train one classifier.
    public var trainSeconds: Double
    /// Microseconds per question answered, one per question (empty for cross-validation).
    public var microseconds: [Double]

    /// The figures of this run.
    public var report: EvaluationReport {
        EvaluationReport(
            predictions: predictions, threshold: threshold, trainSeconds: trainSeconds, microseconds: microseconds)
    }

    /// The benchmark protocol: train on `training`, choose the threshold on `validation` by `rule`, score
    /// `test`.
    public static func benchmark(
        training: [LabelledText], validation: [LabelledText], test: [LabelledText], rule: ThresholdRule,
        options: TrainingOptions
    ) -> EvaluationRun {
        let (classifier, seconds) = timed { IntentClassifier(training: training, options: options) }
        let threshold = rule.choose(on: classifier.predict(validation).predictions)
        let (predictions, microseconds) = classifier.predict(test)
        return EvaluationRun(predictions: predictions, threshold: threshold, trainSeconds: seconds, microseconds: microseconds)
    }

    /// A plain data set: train on `training`, score `test` at `threshold`, or at the one `rule` chooses on
    /// `validation` when given.
    public static func dataset(
        training: [LabelledText], test: [LabelledText], threshold: Float, validation: [LabelledText]?,
        rule: ThresholdRule, options: TrainingOptions
    ) -> EvaluationRun {
        let (classifier, seconds) = timed { IntentClassifier(training: training, options: options) }
        let chosen = validation.map { rule.choose(on: classifier.predict($0).predictions) } ?? threshold
        let (predictions, microseconds) = classifier.predict(test)
        return EvaluationRun(predictions: predictions, threshold: chosen, trainSeconds: seconds, microseconds: microseconds)
    }

    /// A knowledge base's answerer, as the daemon trains it, scored on `test` (its whole answer path: red
    /// flags, safety certainty and fallback).
    public static func knowledgeBase(
        _ knowledge: KnowledgeBase, policy: AnswerPolicy, options: TrainingOptions, test: [LabelledText]
    ) -> EvaluationRun {
        let (answerer, seconds) = timed { Answerer(knowledge: knowledge, policy: policy, training: options) }
        let (predictions, microseconds) = answerer.predict(test)
        return EvaluationRun(
            predictions: predictions, threshold: policy.threshold, trainSeconds: seconds, microseconds: microseconds)
    }

    /// Stratified `folds`-fold cross-validation of `rows`, read at `threshold`.
    public static func crossValidation(
        _ rows: [LabelledText], folds: Int, threshold: Float, options: TrainingOptions
    ) -> EvaluationRun {
        let (predictions, seconds) = timed { CrossValidation.predictions(rows, folds: folds, options: options) }
        return EvaluationRun(
            predictions: predictions, threshold: threshold, trainSeconds: seconds / Double(folds), microseconds: [])
    }

    /// Every question answered wrongly, as JSON Lines `{"expected":…,"predicted":…,"text":…}`, for tuning
    /// on cross-validation.
    public func missesAsJSONLines() throws -> String {
        let lines = try predictions.filter { $0.label(at: threshold) != $0.expected }.map { miss in
            let fields = ["expected": miss.expected, "predicted": miss.label(at: threshold), "text": miss.text]
            return String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The value of `work` and the seconds it took.
    private static func timed<T>(_ work: () -> T) -> (T, Double) {
        let start = ContinuousClock.now
        let value = work()
        return (value, (ContinuousClock.now - start).inSeconds)
    }
}
