#if canImport(CSystemd)
internal import CSystemd
import Glibc
import Logging

/// A swift-log handler that writes structured entries to the systemd journal with sd_journal_sendv(3):
/// `MESSAGE`, `PRIORITY` (from the level), `CODE_FILE`/`CODE_LINE`/`CODE_FUNC`, `SYSLOG_IDENTIFIER`, and
/// each metadata key as an upper-case field prefixed `BACKTALK_` (`answer.intent` → `BACKTALK_ANSWER_INTENT`).
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let identifier: String

    public init(identifier: String) {
        self.identifier = identifier
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = [
            "MESSAGE=\(event.message)",
            "PRIORITY=\(Self.priority(event.level))",
            "SYSLOG_IDENTIFIER=\(identifier)",
            "CODE_FILE=\(event.file)",
            "CODE_LINE=\(event.line)",
            "CODE_FUNC=\(event.function)",
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            fields.append("\(Self.fieldName(key))=\(value)")
        }
        Self.send(fields)
    }

    /// syslog(3) priorities: debug 7, info 6, notice 5, warning 4, err 3, crit 2.
    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// A journal field name for a metadata key: upper-case letters, digits and `_`, prefixed `BACKTALK_`.
    public static func fieldName(_ key: String) -> String {
        let cleaned = key.uppercased().unicodeScalars.map { scalar -> Character in
            (scalar.isASCII && (scalar.properties.isUppercase || ("0"..."9").contains(scalar))) ? Character(scalar) : "_"
        }
        return "BACKTALK_" + String(cleaned)
    }

    /// Sends the fields as one entry; each field's bytes are pointed to by one iovec.
    private static func send(_ fields: [String]) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = bytes.count
            bytes.append(contentsOf: field.utf8)
            ranges.append(start..<bytes.count)
        }
        bytes.withUnsafeMutableBytes { buffer in
            var vectors = ranges.map { range in
                iovec(iov_base: buffer.baseAddress! + range.lowerBound, iov_len: range.count)
            }
            _ = sd_journal_sendv(&vectors, Int32(vectors.count))
        }
    }
}
#endif
