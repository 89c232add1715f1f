#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prepares the path of a Unix socket before binding: its folder exists, a stale socket file left by a
/// crash is removed, and a live daemon on the same path is never displaced.
enum SocketFile {
    /// Why the socket path cannot be used.
    struct Unusable: Error, CustomStringConvertible {
        var description: String
    }

    /// Makes `path` ready to bind.
    static func prepare(_ path: String) throws(Unusable) {
        guard path.utf8.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path) else {
            throw Unusable(description: "the socket path \(path) is too long for a Unix socket; choose a shorter --socket")
        }
        let directory = parentDirectory(of: path)
        if !directory.isEmpty && access(directory, F_OK) != 0 && mkdir(directory, 0o755) != 0 {
            throw Unusable(
                description: "cannot create the folder \(directory) for the socket (\(errorText())); "
                    + "create it or choose another --socket")
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw Unusable(description: "\(path) exists and is not a socket; remove it or choose another --socket")
        }
        if isAnswering(path) {
            throw Unusable(
                description: "another backtalkd is already serving \(path); stop it first or choose another --socket")
        }
        guard unlink(path) == 0 else {
            throw Unusable(description: "cannot remove the stale socket \(path) (\(errorText())); remove it by hand")
        }
    }

    /// Lets every local user connect: the socket is how they ask.
    static func allowEveryone(_ path: String) {
        _ = chmod(path, 0o666)
    }

    /// Removes the socket file at shutdown.
    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// Whether something accepts connections on the socket at `path`.
    private static func isAnswering(_ path: String) -> Bool {
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return withAddress(of: path) { connect(fd, $0, $1) } == 0
    }

    /// Calls `body` with the Unix socket address of `path` (cut to fit) and its length, as `connect(2)` and
    /// `bind(2)` take them.
    static func withAddress(of path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> CInt) -> CInt {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() where index < buffer.count - 1 { buffer[index] = byte }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }

    private static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
