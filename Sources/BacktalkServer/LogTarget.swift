#if canImport(CSystemd)
internal import CSystemd
#endif
#if canImport(Glibc)
import Glibc
#endif
import Logging

/// Where the daemon's log goes.
public enum LogTarget: String, Sendable, CaseIterable {
    /// The journal when systemd connected stderr to it (`JOURNAL_STREAM` names stderr), else stderr.
    case auto
    /// The systemd journal, with structured fields.
    case journal
    /// Standard error, one line per entry.
    case stderr

    /// The target `auto` stands for in this process.
    public var resolved: LogTarget {
        guard self == .auto else { return self }
        return Self.stderrIsJournal ? .journal : .stderr
    }

    /// Makes a log handler for `label` at `level`.
    public func makeHandler(label: String, level: Logger.Level) -> any LogHandler {
        switch resolved {
        case .journal:
            #if canImport(CSystemd)
            var handler = JournalLogHandler(identifier: "backtalkd")
            handler.logLevel = level
            return handler
            #else
            fallthrough
            #endif
        case .auto, .stderr:
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// Whether `JOURNAL_STREAM` (`DEVICE:INODE`) is this process's stderr, as systemd.exec(5) describes.
    private static var stderrIsJournal: Bool {
        guard let value = getenv("JOURNAL_STREAM").map({ String(cString: $0) }) else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(2, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
