import BacktalkServer
import Foundation
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit

/// The daemon's services run in the test's own process, on a temporary socket, over the shipped knowledge
/// base's one shared snapshot: no process to start and no model to load, so a test of a server option takes
/// milliseconds. Tests of what needs a process of its own (signals, a stale socket, a second daemon, the
/// command line) use ``TestDaemon``.
public enum InProcessDaemon {
    /// Serves ``Shipped/snapshot`` as `configure` sets it up, runs `body` with the socket's path on a thread
    /// of its own (it may block: the client connections are blocking), then shuts the daemon down
    /// gracefully, as SIGTERM would, and waits for it.
    public static func run<Value: Sendable>(
        configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (_ socket: String) throws -> Value
    ) async throws -> Value {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configured = ServerConfiguration(knowledgeLayers: [Repository.knowledge], models: Shipped.models)
        configure(&configured)
        let configuration = configured
        let listening = try ListeningSocket.open(path: directory + "/backtalk.sock")
        let logger = Logger(label: "backtalkd-in-process") { _ in SwiftLogNoOpLogHandler() }
        // The daemon's tasks run on a thread of their own: the tests that block the concurrency pool's few
        // threads (blocking sockets, subprocesses) must not hold up its accept loop and shutdown.
        return try await withTaskExecutorPreference(DedicatedThreadExecutor()) {
            try await serve(configuration: configuration, listening: listening, logger: logger, body: body)
        }
    }

    private static func serve<Value: Sendable>(
        configuration: ServerConfiguration, listening: ListeningSocket, logger: Logger,
        body: @escaping @Sendable (_ socket: String) throws -> Value
    ) async throws -> Value {
        let socket = listening.path
        let snapshot = Shipped.snapshot
        return try await testGracefulShutdown { shutdown in
            try await withThrowingTaskGroup(of: Value?.self) { group in
                group.addTask {
                    try await Daemon.run(
                        configuration: configuration, snapshot: snapshot, listeningSocket: listening, logger: logger)
                    return nil
                }
                let result: Value
                do {
                    result = try await onThreadOfItsOwn { try body(socket) }
                } catch {
                    shutdown.triggerGracefulShutdown()
                    try await group.waitForAll()
                    throw error
                }
                shutdown.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            }
        }
    }
}

/// Runs blocking `work` on a new thread and waits for it without holding one of the concurrency pool's
/// few threads (two on a two-core machine), which the daemon's services need meanwhile.
func onThreadOfItsOwn<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Runs the jobs of the tasks that prefer it one at a time on a serial dispatch queue, whose thread is not
/// one of the concurrency pool's.
final class DedicatedThreadExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "backtalk.in-process-daemon")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
