import BacktalkCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// Runs the daemon's services until SIGTERM or SIGINT, then shuts them down gracefully: the reloader (on
/// SIGHUP and `reload` requests), the socket server, systemd's notifications and, for watchdog tests only,
/// the wedge trigger.
public enum Daemon {
    /// Serves `snapshot` on `listeningSocket` as `configuration` says; returns after a graceful shutdown,
    /// having logged one line that says so.
    /// - Throws: when the socket cannot be served.
    public static func run(
        configuration: ServerConfiguration, snapshot: KnowledgeSnapshot, listeningSocket: ListeningSocket, logger: Logger
    ) async throws {
        let notifier = SystemdNotifier()
        let state = ServiceState(
            snapshot: snapshot,
            sessions: SessionStore(capacity: configuration.maximumSessions, timeToLive: configuration.sessionTimeToLive))
        // With --threads, a group of that size, shut down when the service stops; else NIO's shared group.
        let ownGroup = configuration.threads.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) }
        let group = ownGroup ?? MultiThreadedEventLoopGroup.singleton
        let listening = ListeningSignal()
        // A graceful shutdown stops them in reverse order: systemd hears STOPPING=1, the socket server
        // answers what it has and closes, and the reloader answers the reloads asked for before that.
        var services: [any Service] = [
            KnowledgeReloader(configuration: configuration, state: state, logger: logger, notifier: notifier),
            SocketServer(
                configuration: configuration, state: state, logger: logger, listening: listening,
                listeningSocket: listeningSocket, group: group),
            SystemdService(notifier: notifier, state: state, group: group, listening: listening),
        ]
        if configuration.wedgeOnSIGUSR2 { services.append(WedgeTrigger(group: group)) }
        let serviceGroup = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await serviceGroup.run()
        } catch {
            try? await ownGroup?.shutdownGracefully()
            throw error
        }
        try await ownGroup?.shutdownGracefully()
        let served = state.statistics.requestsServed
        logger.notice("stopped after answering \(served) requests", metadata: ["server.requests_served": "\(served)"])
    }
}
