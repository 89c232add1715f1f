import Foundation
import Synchronization

/// Processes the tests started that must not outlive them: the suite's shared daemon and bot are never
/// released, so they are killed when the test process exits.
enum ChildProcesses {
    private static let running: Mutex<Set<pid_t>> = {
        atexit { ChildProcesses.running.withLock { for pid in $0 { kill(pid, SIGKILL) } } }
        return Mutex([])
    }()

    static func killAtExit(_ pid: pid_t) {
        running.withLock { _ = $0.insert(pid) }
    }

    /// `pid` has ended.
    static func forget(_ pid: pid_t) {
        running.withLock { _ = $0.remove(pid) }
    }
}
