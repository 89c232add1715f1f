import Foundation

/// How a model is made when no stored one fits: trains on the knowledge base in some folders and writes
/// the model file. The daemon runs `backtalkd train` as a child process (``childProcess(executable:)``),
/// so training's memory, hundreds of megabytes at its peak, is the child's and goes when it exits; tests
/// and tools train in process (`ModelTrainer.inProcess` in BacktalkTraining).
public struct ModelTrainer: Sendable {
    /// Trains on the knowledge base in `layers` with ``TrainingOptions/withOutOfScopeClass`` and writes
    /// the model to `output`.
    public let train: @Sendable (_ layers: [String], _ output: String) throws -> Void

    public init(train: @escaping @Sendable (_ layers: [String], _ output: String) throws -> Void) {
        self.train = train
    }

    /// Runs `executable train --knowledge LAYER … --output FILE` and waits for it. Its error output goes
    /// where the caller's goes (the journal, under systemd); a failure throws ``ModelTrainerError``.
    public static func childProcess(executable: String) -> ModelTrainer {
        ModelTrainer { layers, output in
            let child = Process()
            child.executableURL = URL(fileURLWithPath: executable)
            child.arguments = ["train"] + layers.flatMap { ["--knowledge", $0] } + ["--output", output]
            child.standardOutput = FileHandle.nullDevice
            child.standardInput = FileHandle.nullDevice
            do {
                try child.run()
            } catch {
                throw ModelTrainerError(
                    "cannot run \(executable) train (\(error.localizedDescription)); check that backtalkd is installed whole")
            }
            child.waitUntilExit()
            guard child.terminationReason == .exit, child.terminationStatus == 0 else {
                let how =
                    child.terminationReason == .uncaughtSignal
                    ? "was killed by signal \(child.terminationStatus) (signal 9 is often a memory limit: training "
                        + "takes a few hundred MB for a moment)"
                    : "exited with status \(child.terminationStatus)"
                throw ModelTrainerError(
                    "\(executable) train \(how); its error output is logged above: mend what it names, then reload "
                        + "(systemctl reload backtalk)")
            }
        }
    }
}

/// Why training a model failed, as one sentence that says what to do.
public struct ModelTrainerError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
