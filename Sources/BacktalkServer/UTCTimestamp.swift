#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The current time as ISO 8601 in UTC ("2026-12-07T17:45:00Z"), written by the C library's `strftime`:
/// Foundation's ISO8601DateFormatter would load ICU's calendar data, megabytes of resident memory for
/// one timestamp per load.
enum UTCTimestamp {
    static func now() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
