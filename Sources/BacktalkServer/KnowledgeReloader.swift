import BacktalkCore
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the knowledge base on SIGHUP (`systemctl reload`): reads and trains a new snapshot off the
/// serving path and swaps it in whole. A knowledge base with problems is refused, its problems logged, and
/// the one in service keeps answering.
struct KnowledgeReloader: Service {
    let configuration: ServerConfiguration
    let state: ServiceState
    let logger: Logger
    let notifier: SystemdNotifier

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            await reload()
        }
    }

    /// Loads, validates and trains the knowledge base again, then swaps it in if it is valid.
    func reload() async {
        notifier.reloading()
        let directory = configuration.knowledgeDirectory
        let policy = configuration.policy
        logger.info("reloading the knowledge base", metadata: ["directory": "\(directory)"])
        let result = await Task.detached { () -> Result<KnowledgeSnapshot, KnowledgeBaseError> in
            do throws(KnowledgeBaseError) {
                return .success(try KnowledgeSnapshot(directory: directory, policy: policy))
            } catch {
                return .failure(error)
            }
        }.value
        switch result {
        case .success(let snapshot):
            state.replace(with: snapshot)
            logger.notice(
                "knowledge base reloaded",
                metadata: [
                    "digest": "\(snapshot.answerer.knowledge.digest)",
                    "summary": "\(snapshot.answerer.knowledge.summary)",
                    "load_seconds": "\(snapshot.loadSeconds)",
                ])
        case .failure(let error):
            logger.error(
                "reload refused: the knowledge base has \(error.problems.count) problem(s); the previous one keeps answering",
                metadata: ["digest": "\(state.snapshot.answerer.knowledge.digest)"])
            for problem in error.problems {
                logger.error("\(problem)")
            }
        }
        notifier.ready(status: state.statusLine)
    }
}
