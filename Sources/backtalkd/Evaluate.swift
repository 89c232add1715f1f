import ArgumentParser
import BacktalkCore
import Foundation

extension Backtalkd {
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Measure answer quality: on labelled questions not trained on (--test), or by cross-validation (--folds).")

        @OptionGroup var knowledge: KnowledgeOptions
        @OptionGroup var training: TrainingFlags

        @Option(help: "JSON Lines {\"text\":…,\"intent\":…} (intent oos for out-of-scope) or TSV intent<TAB>text.")
        var test: String?

        @Option(help: "Stratified K-fold cross-validation over the knowledge base's own training questions.")
        var folds: Int?

        @Flag(help: "List every question answered wrongly.")
        var showMisses = false

        func validate() throws {
            if test == nil && folds == nil { throw ValidationError("give --test FILE or --folds K (or both)") }
            if let folds, folds < 2 { throw ValidationError("--folds must be 2 or more") }
        }

        func run() throws {
            let base: KnowledgeBase
            do {
                base = try KnowledgeBaseLoader.load(directory: knowledge.directory)
            } catch {
                throw ValidationError("the knowledge base has problems:\n\(error.description)")
            }
            if let folds { crossValidate(base, folds: folds) }
            if let test { try evaluate(base, on: test) }
        }

        private func crossValidate(_ base: KnowledgeBase, folds: Int) {
            let examples = Answerer.trainingExamples(base).map(\.labelled)
            let start = ContinuousClock.now
            let predictions = CrossValidation.predictions(examples, folds: folds, options: training.options)
            print("\(folds)-fold cross-validation of \(examples.count) questions in \(ContinuousClock.now - start)")
            let metrics = ClassificationMetrics(predictions, threshold: knowledge.threshold)
            print(
                String(
                    format: "in-scope accuracy %.1f%%, macro F1 %.3f, out-of-scope recall %.1f%%, precision %.1f%%",
                    metrics.inScopeAccuracy * 100, metrics.macroF1, metrics.outOfScopeRecall * 100,
                    metrics.outOfScopePrecision * 100))
            print("threshold  in-scope  out-of-scope recall")
            for step in 1...18 {
                let threshold = Float(step) * 0.05
                let swept = ClassificationMetrics(predictions, threshold: threshold)
                let marker = abs(threshold - knowledge.threshold) < 0.001 ? "  <- in use" : ""
                print(
                    String(
                        format: "%9.2f  %7.1f%%  %7.1f%%%@", threshold, swept.inScopeAccuracy * 100,
                        swept.outOfScopeRecall * 100, marker))
            }
            if showMisses {
                for prediction in predictions where prediction.predicted != prediction.expected {
                    print("  \(prediction.expected) -> \(prediction.predicted) (\(prediction.confidence)): \(prediction.text)")
                }
            }
        }

        private func evaluate(_ base: KnowledgeBase, on path: String) throws {
            let start = ContinuousClock.now
            let answerer = Answerer(knowledge: base, policy: knowledge.policy, training: training.options)
            let trainTime = ContinuousClock.now - start
            let cases = try EvaluationSet.load(path: path)
            let result = HeldOutEvaluation(answerer: answerer, cases: cases)
            print("trained on \(base.summary) in \(trainTime)")
            print(
                String(
                    format: "in-scope top-1: %.1f%% (%d of %d)", result.inScopeAccuracy * 100, result.inScopeCorrect,
                    result.inScopeTotal))
            print(
                String(
                    format: "out-of-scope falling back: %.1f%% (%d of %d)", result.outOfScopeRecall * 100,
                    result.outOfScopeFallbacks, result.outOfScopeTotal))
            if showMisses {
                for miss in result.misses { print("  \(miss.expected) -> \(miss.got): \(miss.text)") }
            }
        }
    }
}

/// Training settings for experiments; the defaults are what the daemon uses.
struct TrainingFlags: ParsableArguments {
    @Option(help: "Passes over the training questions.")
    var epochs = TrainingOptions().epochs

    @Option(help: "Initial SGD step size.")
    var learningRate = TrainingOptions().learningRate

    @Option(help: "L2 regularisation strength.")
    var l2 = TrainingOptions().l2

    @Option(help: "Weight of the word view against the character view.")
    var wordWeight = TrainingOptions().viewWeights[FeatureView.words.rawValue]

    var options: TrainingOptions {
        var options = TrainingOptions()
        options.epochs = epochs
        options.learningRate = learningRate
        options.l2 = l2
        options.viewWeights[FeatureView.words.rawValue] = wordWeight
        return options
    }
}
