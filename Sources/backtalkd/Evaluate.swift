import ArgumentParser
import BacktalkCore
import BacktalkTraining
import Foundation

extension Backtalkd {
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Measure answer quality, in process: on held-out questions, by cross-validation, or on a benchmark.",
            discussion: """
                backtalkd eval --knowledge DIR --test FILE       train on a knowledge base, score FILE
                backtalkd eval --knowledge DIR --folds 5         stratified cross-validation of its questions
                backtalkd eval --knowledge DIR --safety FILE     red-flag recall and near-miss false alarms
                backtalkd eval --dataset DIR [--test FILE]       train on DIR/train.jsonl instead of a knowledge base
                backtalkd eval --train F --validation F --test F --threshold-rule paper|balanced
                                                                 benchmark: threshold picked on validation
                Test files: JSON Lines {"text":"...","intent":"..."} (intent oos for out-of-scope) or TSV intent<TAB>text.
                """)

        @OptionGroup var knowledge: KnowledgeOptions

        @OptionGroup var answering: PolicyOptions
        @OptionGroup var training: TrainingFlags

        @Option(help: "Labelled questions to score.")
        var test: String?

        @Option(help: "Questions labelled safety.red_flags (must get the safety answer) or near_miss (must not).")
        var safety: String?

        @Option(help: "Stratified K-fold cross-validation over the training questions.")
        var folds: Int?

        @Option(help: "A plain intent data set folder with train.jsonl (and test.jsonl or val.jsonl).")
        var dataset: String?

        @Option(help: "Benchmark mode: the training file.")
        var train: String?

        @Option(help: "Benchmark mode: the file the threshold is picked on.")
        var validation: String?

        @Option(help: "How the threshold is picked on --validation: paper or balanced.")
        var thresholdRule: ThresholdRule = .balanced

        @Flag(help: "Train out-of-scope rows as a class of their own (otherwise they are left out of training).")
        var oosClass = false

        @Option(help: "text or json.")
        var format: OutputFormat = .text

        @Option(help: "Write the confusion matrix and the threshold sweep as SVG pictures into this folder.")
        var plot: String?

        @Option(help: "Write every question answered wrongly as JSON Lines {expected, predicted, text} to this file.")
        var misses: String?

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func validate() throws {
            if train != nil && (validation == nil || test == nil) {
                throw ValidationError("benchmark mode needs --train, --validation and --test")
            }
            if train == nil && dataset == nil && test == nil && folds == nil && safety == nil {
                throw ValidationError("give --test FILE, --folds K or --safety FILE (see backtalkd eval --help)")
            }
            if let folds, folds < 2 { throw ValidationError("--folds must be 2 or more") }
        }

        func run() throws {
            if let safety {
                let evaluation = SafetyEvaluation(
                    answerer: Answerer(knowledge: try loadKnowledgeBase(), policy: answering.policy),
                    cases: try EvaluationSet.load(path: safety))
                print(evaluation.text)
                return
            }
            let run = try evaluate()
            switch format {
            case .text: print(run.report.text)
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(run.report), as: UTF8.self))
            }
            if let misses { try run.missesAsJSONLines().write(toFile: misses, atomically: true, encoding: .utf8) }
            if let plot {
                try FileManager.default.createDirectory(atPath: plot, withIntermediateDirectories: true)
                try EvaluationPlots.confusionMatrix(run.predictions, threshold: run.threshold)
                    .write(toFile: plot + "/confusion-matrix.svg", atomically: true, encoding: .utf8)
                try EvaluationPlots.thresholdSweep(run.predictions, threshold: run.threshold)
                    .write(toFile: plot + "/threshold-sweep.svg", atomically: true, encoding: .utf8)
                FileHandle.standardError.write(Data("wrote \(plot)/confusion-matrix.svg and \(plot)/threshold-sweep.svg\n".utf8))
            }
        }

        /// The run the options ask for, its files loaded.
        private func evaluate() throws -> EvaluationRun {
            let options = training.options(outOfScopeClass: oosClass)
            if let train, let validation, let test {
                return EvaluationRun.benchmark(
                    training: try trainingRows(train), validation: try EvaluationSet.load(path: validation),
                    test: try EvaluationSet.load(path: test), rule: thresholdRule, options: options)
            }
            if let dataset {
                let rows = try trainingRows(dataset + "/train.jsonl")
                if let folds { return crossValidate(rows, folds: folds, options: options) }
                let testPath = test ?? ["test.jsonl", "val.jsonl"].map { dataset + "/" + $0 }
                    .first { FileManager.default.fileExists(atPath: $0) }
                guard let testPath else { throw ValidationError("\(dataset) has no test.jsonl or val.jsonl; give --test FILE") }
                return EvaluationRun.dataset(
                    training: rows, test: try EvaluationSet.load(path: testPath), threshold: answering.threshold,
                    validation: try validation.map { try EvaluationSet.load(path: $0) }, rule: thresholdRule,
                    options: options)
            }
            let base = try loadKnowledgeBase()
            let withOutOfScope = training.options(outOfScopeClass: true)
            if let folds {
                return crossValidate(Answerer.trainingExamples(base).map(\.labelled), folds: folds, options: withOutOfScope)
            }
            guard let test else { throw ValidationError("give --test FILE, --folds K or --safety FILE") }
            return EvaluationRun.knowledgeBase(
                base, policy: answering.policy, options: withOutOfScope, test: try EvaluationSet.load(path: test))
        }

        private func loadKnowledgeBase() throws -> KnowledgeBase {
            do {
                return try KnowledgeBaseLoader.load(layers: knowledge.layers)
            } catch {
                throw ValidationError("the knowledge base has problems:\n\(error.description)")
            }
        }

        private func crossValidate(_ rows: [LabelledText], folds: Int, options: TrainingOptions) -> EvaluationRun {
            let run = EvaluationRun.crossValidation(rows, folds: folds, threshold: answering.threshold, options: options)
            FileHandle.standardError.write(
                Data(String(format: "%d-fold cross-validation of %d questions in %.2f s\n", folds, rows.count,
                    run.trainSeconds * Double(folds)).utf8))
            return run
        }

        /// The rows of a training file; out-of-scope rows only with --oos-class.
        private func trainingRows(_ path: String) throws -> [LabelledText] {
            try EvaluationSet.load(path: path).filter { oosClass || $0.label != Answerer.outOfScopeLabel }
        }
    }
}

/// Training settings for experiments; the defaults are what the daemon uses.
struct TrainingFlags: ParsableArguments {
    @Option(help: "Passes over the training questions (default \(TrainingOptions.withOutOfScopeClass.epochs) with out-of-scope training questions, else \(TrainingOptions().epochs)).")
    var epochs: Int?

    @Option(help: "Initial SGD step size.")
    var learningRate = TrainingOptions().learningRate

    @Option(help: "L2 regularisation strength.")
    var l2 = TrainingOptions().l2

    @Option(help: "Weight of the word view against the character view (default \(TrainingOptions.withOutOfScopeClass.viewWeights[FeatureView.words.rawValue]) with out-of-scope training questions, else \(TrainingOptions().viewWeights[FeatureView.words.rawValue])).")
    var wordWeight: Float?

    @Option(help: "The shortest character n-gram.")
    var shortestGram = TrainingOptions().characterGrams.lowerBound

    @Option(help: "The longest character n-gram.")
    var longestGram = TrainingOptions().characterGrams.upperBound

    @Option(help: "The share of a training question's features left out at random at each visit (0 to 1; default \(TrainingOptions.withOutOfScopeClass.featureDropout) with out-of-scope training questions, else \(TrainingOptions().featureDropout)).")
    var featureDropout: Float?

    @Option(help: "How much an unknown feature counts against the confidence (0: not at all; default 0 with out-of-scope training questions, else \(TrainingOptions().unknownFeatureWeight)).")
    var unknownFeatureWeight: Float?

    func validate() throws {
        if let featureDropout, !(0..<1).contains(featureDropout) {
            throw ValidationError("--feature-dropout must be at least 0 and below 1, such as 0.5")
        }
    }

    /// The options, for training texts with or without out-of-scope examples as a class.
    func options(outOfScopeClass: Bool) -> TrainingOptions {
        var options = outOfScopeClass ? TrainingOptions.withOutOfScopeClass : TrainingOptions()
        options.characterGrams = shortestGram...max(shortestGram, longestGram)
        if let epochs { options.epochs = epochs }
        options.learningRate = learningRate
        options.l2 = l2
        if let featureDropout { options.featureDropout = featureDropout }
        if let unknownFeatureWeight { options.unknownFeatureWeight = unknownFeatureWeight }
        if let wordWeight { options.viewWeights[FeatureView.words.rawValue] = wordWeight }
        return options
    }
}

extension ThresholdRule: ExpressibleByArgument {}
