@testable import BacktalkCore
import BacktalkTesting
@testable import BacktalkTraining
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct EvaluationTests {
    private func prediction(_ expected: String, _ predicted: String, _ confidence: Float) -> CrossValidation.Prediction {
        CrossValidation.Prediction(expected: expected, predicted: predicted, confidence: confidence, text: "\(expected) \(confidence)")
    }

    /// Two in-scope questions answered with confidence 0.9 and 0.6, two out-of-scope ones mistaken with 0.5 and 0.7.
    private var predictions: [CrossValidation.Prediction] {
        [prediction("a", "a", 0.9), prediction("b", "b", 0.6), prediction("oos", "a", 0.5), prediction("oos", "b", 0.7)]
    }

    @Test func metricsApplyTheThreshold() {
        let none = ClassificationMetrics(predictions, threshold: 0)
        #expect(none.inScopeAccuracy == 1)
        #expect(none.outOfScopeRecall == 0)
        let some = ClassificationMetrics(predictions, threshold: 0.55)
        #expect(some.inScopeAccuracy == 1)
        #expect(some.outOfScopeRecall == 0.5)
        #expect(some.outOfScopePrecision == 1)
        #expect(some.macroF1 > 0 && some.macroF1 < 1)
    }

    @Test func thresholdRules() {
        // Paper: three of four right is the best (above 0.5, not above 0.6); the lowest such threshold wins.
        let paper = ThresholdRule.paper.choose(on: predictions)
        #expect(paper > 0.5 && paper <= 0.6)
        let balanced = ThresholdRule.balanced.choose(on: predictions)
        #expect(ThresholdRule.balanced.score(predictions, threshold: balanced) == 0.75)
    }

    /// The exact search finds a threshold as good as the best of every possible one.
    @Test(arguments: ThresholdRule.allCases)
    func theThresholdSearchIsExact(rule: ThresholdRule) {
        var random = SplitMix64(seed: 0xe7a1)
        let labels = ["a", "b", "c", "oos"]
        let predictions = (0..<300).map { _ in
            prediction(
                labels.randomElement(using: &random)!, labels.randomElement(using: &random)!,
                Float(Int.random(in: 0...40, using: &random)) / 40)
        }
        let chosen = rule.choose(on: predictions)
        let tried = [0] + predictions.map(\.confidence) + predictions.map { $0.confidence.nextUp }
        let best = tried.map { rule.score(predictions, threshold: $0) }.max()!
        #expect(abs(rule.score(predictions, threshold: chosen) - best) < 1e-9)
    }

    @Test func theReportHasTheDocumentedJSONKeys() throws {
        let report = EvaluationReport(predictions: predictions, threshold: 0.55, trainSeconds: 1.5, microseconds: [3, 1, 2])
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
        for key in [
            "in_scope_accuracy", "macro_f1", "oos_recall", "oos_precision", "threshold", "train_seconds",
            "classify_p50_us", "classify_p99_us", "per_intent", "confusions",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["classify_p50_us"] as? Double == 2)
        #expect((object["confusions"] as? [[String: Any]])?.first?["predicted"] as? String == "b")
        #expect(report.text.contains("in-scope accuracy"))
    }

    @Test func plotsAreWellFormedSVG() throws {
        for svg in [
            EvaluationPlots.confusionMatrix(predictions, threshold: 0.55),
            EvaluationPlots.thresholdSweep(predictions, threshold: 0.55),
        ] {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
            #expect(svg.contains("<svg"))
        }
    }

    @Test func crossValidationPredictsEveryQuestionOnce() {
        let rows = (0..<40).map { LabelledText(text: $0 % 2 == 0 ? "massage \($0) back" : "weather \($0) rain", label: $0 % 2 == 0 ? "a" : "b") }
        let predictions = CrossValidation.predictions(rows, folds: 4)
        #expect(predictions.count == rows.count)
        #expect(ClassificationMetrics(predictions, threshold: 0).inScopeAccuracy > 0.9)
    }
}
