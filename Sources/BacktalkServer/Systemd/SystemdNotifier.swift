#if canImport(CSystemd)
internal import CSystemd
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd the daemon's state through sd_notify(3): readiness, reloads, shutdown, a status line and
/// watchdog keep-alives. Without systemd (no `NOTIFY_SOCKET`) every call does nothing.
public struct SystemdNotifier: Sendable {
    public init() {}

    /// Whether a service manager listens (`NOTIFY_SOCKET` is set).
    public var isListening: Bool { getenv("NOTIFY_SOCKET") != nil }

    /// `READY=1`: the knowledge base is loaded and the socket accepts.
    public func ready(status: String) {
        send("READY=1\nSTATUS=\(status)")
    }

    /// `RELOADING=1` with `MONOTONIC_USEC`, as `Type=notify-reload` expects before a reload.
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let microseconds = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        send("RELOADING=1\nSTATUS=reloading the knowledge base\nMONOTONIC_USEC=\(microseconds)")
    }

    /// `STOPPING=1`: graceful shutdown has begun.
    public func stopping() {
        send("STOPPING=1\nSTATUS=stopping: finishing the requests in flight")
    }

    /// `STATUS=`: one human line, shown by `systemctl status`.
    public func status(_ line: String) {
        send("STATUS=\(line)")
    }

    /// `WATCHDOG=1`: the daemon is alive.
    public func watchdog() {
        send("WATCHDOG=1")
    }

    /// The watchdog interval systemd expects keep-alives within (`WatchdogSec=`), or nil when none is set.
    public var watchdogInterval: Duration? {
        #if canImport(CSystemd)
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(microseconds))
        #else
        return nil
        #endif
    }

    private func send(_ state: String) {
        #if canImport(CSystemd)
        guard isListening else { return }
        _ = sd_notify(0, state)
        #endif
    }
}
