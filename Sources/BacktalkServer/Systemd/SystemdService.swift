import NIOCore
import ServiceLifecycle

/// Keeps systemd informed, as a service of its own in the daemon's `ServiceGroup`: `READY=1` with the
/// status line once the socket server listens, the watchdog heartbeat and the status line while serving
/// (``SystemdHeartbeat``), and `STOPPING=1` when the graceful shutdown begins. Without a service manager
/// the notifications go nowhere.
struct SystemdService: Service {
    let notifier: SystemdNotifier
    let state: ServiceState
    let group: any EventLoopGroup
    let listening: ListeningSignal

    func run() async throws {
        guard await listening.untilListening() else { return }
        notifier.ready(status: state.statusLine)
        let heartbeat = SystemdHeartbeat(group: group, notifier: notifier, state: state)
        heartbeat.start()
        try? await gracefulShutdown()
        notifier.stopping()
        heartbeat.stop()
    }
}
