#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the running program is, which tells an installed backtalk (`/usr/bin`, `/usr/local/bin`) from one
/// run in its source tree (`.build/…`): the daemon finds its knowledge base by it, the client its advice.
public enum ProgramLocation {
    /// The running program's own path, links resolved (`/proc/self/exe`), else as it was invoked.
    public static var executable: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return CommandLine.arguments.first ?? "" }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
