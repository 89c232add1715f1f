import BacktalkCore
import NIOCore

/// The reloads asked for, by SIGHUP or by a `reload` request, waiting for ``KnowledgeReloader`` to do
/// them one at a time.
final class ReloadQueue: Sendable {
    /// One reload to do; its outcome completes `promise`, the reply's future, when a request asked for it.
    struct Job: Sendable {
        var promise: EventLoopPromise<ReloadOutcome>?
    }

    /// The reloads in the order asked for.
    let jobs: AsyncStream<Job>
    private let continuation: AsyncStream<Job>.Continuation

    init() {
        (jobs, continuation) = AsyncStream.makeStream(of: Job.self)
    }

    /// Asks for a reload; `promise`, if any, gets its outcome.
    func request(completing promise: EventLoopPromise<ReloadOutcome>? = nil) {
        continuation.yield(Job(promise: promise))
    }

    /// Takes no more requests: `jobs` ends after the ones already asked for, so none is left unanswered.
    func finish() {
        continuation.finish()
    }
}

/// How a reload ended.
enum ReloadOutcome: Sendable {
    case reloaded(KnowledgeSnapshot)
    case refused(KnowledgeBaseError)
}
