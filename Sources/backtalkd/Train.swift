import ArgumentParser
import BacktalkCore
import BacktalkTraining
import Foundation

extension Backtalkd {
    /// `backtalkd train`: trains on a knowledge base once and writes the model file that the daemon serves
    /// from (`--model`, or its cache), so that it starts and reloads without training.
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train on a knowledge base and write its model file.",
            discussion: """
                The file is used by `backtalkd --model FILE` (and found in the cache) while the knowledge base's \
                training questions, near misses and scope words stay the same; answers, sources and red-flag \
                phrases may change.
                """)

        @OptionGroup var knowledge: KnowledgeOptions

        @Option(help: "Where to write the model.")
        var output: String

        func run() throws {
            let base: KnowledgeBase
            do throws(KnowledgeBaseError) {
                base = try KnowledgeBaseLoader.load(layers: knowledge.layers)
            } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(1)
            }
            let start = ContinuousClock.now
            let options = TrainingOptions.withOutOfScopeClass
            let model = TrainedModel(training: base, options: options)
            let seconds = (ContinuousClock.now - start).inSeconds
            do {
                try ModelFile.write(model, options: options, to: output)
            } catch {
                FileHandle.standardError.write(
                    Data("cannot write \(output): \(error.localizedDescription); check the folder exists and is writable\n".utf8))
                throw ExitCode(1)
            }
            print("wrote \(output): trained in \(String(format: "%.2f", seconds)) s, fingerprint \(model.fingerprint)")
        }
    }
}
