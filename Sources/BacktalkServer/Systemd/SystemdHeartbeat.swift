import NIOCore
import NIOConcurrencyHelpers

/// Keeps systemd informed from the event loops that serve requests: every loop checks in on a timer, and
/// the first loop sends `WATCHDOG=1` only while all of them do, so a wedged loop stops the petting and
/// systemd restarts the service. The first loop also refreshes the `STATUS=` line.
final class SystemdHeartbeat: Sendable {
    private let loops: [any EventLoop]
    private let notifier: SystemdNotifier
    private let state: ServiceState
    private let watchdogInterval: Duration?
    private let lastCheckIn: NIOLockedValueBox<[ContinuousClock.Instant]>
    private let tasks = NIOLockedValueBox<[RepeatedTask]>([])

    /// How often the status line is refreshed when there is no watchdog.
    static let statusPeriod = Duration.seconds(5)

    init(group: any EventLoopGroup, notifier: SystemdNotifier, state: ServiceState) {
        loops = Array(group.makeIterator())
        self.notifier = notifier
        self.state = state
        watchdogInterval = notifier.watchdogInterval
        lastCheckIn = NIOLockedValueBox(Array(repeating: .now, count: loops.count))
    }

    /// Starts the timers; does nothing without a service manager.
    func start() {
        guard notifier.isListening else { return }
        let period = watchdogInterval.map { $0 / 2 } ?? Self.statusPeriod
        let started = loops.enumerated().map { index, loop in
            loop.scheduleRepeatedTask(initialDelay: .zero, delay: TimeAmount(period)) { [self] _ in
                checkIn(loop: index)
            }
        }
        tasks.withLockedValue { $0 = started }
    }

    /// Stops the timers.
    func stop() {
        for task in tasks.withLockedValue({ $0 }) { task.cancel() }
    }

    private func checkIn(loop index: Int) {
        let now = ContinuousClock.now
        let allAlive = lastCheckIn.withLockedValue { times in
            times[index] = now
            return times.allSatisfy { now - $0 < (watchdogInterval ?? .seconds(3600)) }
        }
        guard index == 0 else { return }
        if watchdogInterval != nil && allAlive { notifier.watchdog() }
        notifier.status(state.statusLine)
    }
}
