import BacktalkCore
import BacktalkProtocol
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// Reloads the knowledge base on SIGHUP (`systemctl reload`) or an administrator's `reload` request, one
/// reload at a time: reads and trains a new snapshot off the serving path and swaps it in whole. A knowledge
/// base with problems is refused, its problems logged, and the one in service keeps answering.
struct KnowledgeReloader: Service {
    let configuration: ServerConfiguration
    let state: ServiceState
    let logger: Logger
    let notifier: SystemdNotifier

    func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
                    state.reloads.request()
                }
            }
            group.addTask {
                // Not cancelled: at the graceful shutdown the queue is finished, and the reloads already
                // asked for are done and answered. The socket server has closed every connection by then
                // (the daemon's services stop in reverse order), so nobody can ask for another.
                await withGracefulShutdownHandler {
                    for await job in state.reloads.jobs {
                        let outcome = await reload()
                        job.promise?.succeed(outcome)
                        // The old snapshot and the reload's buffers are free now (unless a request still
                        // holds the old one): give their pages back, so that reloads do not add up.
                        MallocTuning.returnFreedMemory()
                    }
                } onGracefulShutdown: {
                    state.reloads.finish()
                }
            }
        }
    }

    /// Loads, validates and trains the knowledge base again, then swaps it in if it is valid.
    func reload() async -> ReloadOutcome {
        notifier.reloading()
        let layers = configuration.knowledgeLayers
        let policy = configuration.policy
        let models = configuration.models
        let inService = state.knowledge.snapshot
        logger.debug("reloading the knowledge base", metadata: ["knowledge.layers": "\(layers.joined(separator: " "))"])
        let result = await Task.detached { () -> Result<KnowledgeSnapshot, KnowledgeBaseError> in
            do throws(KnowledgeBaseError) {
                return .success(
                    try KnowledgeSnapshot(layers: layers, policy: policy, models: models, replacing: inService))
            } catch {
                return .failure(error)
            }
        }.value
        let outcome: ReloadOutcome
        switch result {
        case .success(let snapshot):
            for note in snapshot.modelNotes { logger.warning("\(note)") }
            state.knowledge.replace(with: snapshot)
            state.statistics.count { $0.reloads += 1 }
            logger.notice("\(snapshot.logLine("knowledge base reloaded"))", metadata: snapshot.logMetadata)
            outcome = .reloaded(snapshot)
        case .failure(let error):
            state.statistics.count { $0.reloadsRefused += 1 }
            logger.error(
                "reload refused: the knowledge base has problems; the previous one keeps answering",
                metadata: [
                    "knowledge.problems": "\(error.problems.count)",
                    "knowledge.digest": "\(state.knowledge.snapshot.answerer.knowledge.digest)",
                ])
            // Each problem is a whole sentence for the administrator (FILE:LINE:COLUMN: what is wrong; what to
            // do), so it is the message itself: `journalctl -u backtalk` shows it as it is.
            for problem in error.problems {
                logger.error("\(problem)")
            }
            outcome = .refused(error)
        }
        notifier.ready(status: state.statusLine)
        return outcome
    }
}
