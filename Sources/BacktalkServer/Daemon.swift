import Logging
import ServiceLifecycle
import UnixSignals

/// Runs the daemon's services until SIGTERM or SIGINT, then shuts them down gracefully.
public enum Daemon {
    /// Serves `snapshot` as `configuration` says; returns after a graceful shutdown.
    public static func run(configuration: ServerConfiguration, snapshot: KnowledgeSnapshot, logger: Logger) async throws {
        let server = SocketServer(configuration: configuration, state: ServiceState(snapshot: snapshot), logger: logger)
        let group = ServiceGroup(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }
}
