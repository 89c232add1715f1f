import BacktalkCore
import Logging
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
                    state.requestReload()
                }
            }
            group.addTask {
                for await job in state.reloadJobs.cancelOnGracefulShutdown() {
                    let outcome = await reload()
                    job.completion?(outcome)
                }
            }
        }
    }

    /// Loads, validates and trains the knowledge base again, then swaps it in if it is valid.
    func reload() async -> ReloadOutcome {
        notifier.reloading()
        let layers = configuration.knowledgeLayers
        let policy = configuration.policy
        logger.info("reloading the knowledge base", metadata: ["layers": "\(layers.joined(separator: " "))"])
        let result = await Task.detached { () -> Result<KnowledgeSnapshot, KnowledgeBaseError> in
            do throws(KnowledgeBaseError) {
                return .success(try KnowledgeSnapshot(layers: layers, policy: policy))
            } catch {
                return .failure(error)
            }
        }.value
        let outcome: ReloadOutcome
        switch result {
        case .success(let snapshot):
            state.replace(with: snapshot)
            state.count { $0.reloads += 1 }
            logger.notice(
                "knowledge base reloaded",
                metadata: [
                    "digest": "\(snapshot.answerer.knowledge.digest)",
                    "summary": "\(snapshot.answerer.knowledge.summary)",
                    "load_seconds": "\(snapshot.loadSeconds)",
                ])
            outcome = .reloaded(snapshot)
        case .failure(let error):
            state.count { $0.reloadsRefused += 1 }
            logger.error(
                "reload refused: the knowledge base has \(error.problems.count) problem(s); the previous one keeps answering",
                metadata: ["digest": "\(state.snapshot.answerer.knowledge.digest)"])
            for problem in error.problems {
                logger.error("\(problem)")
            }
            outcome = .refused(error)
        }
        notifier.ready(status: state.statusLine)
        return outcome
    }
}
