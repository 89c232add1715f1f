#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking JSON Lines connection to backtalkd's Unix socket: write a line, read a line.
public final class Connection {
    /// The daemon could not be reached.
    public struct Unreachable: Error, CustomStringConvertible {
        /// What kept the client from the daemon, so that it can say what to do.
        public enum Cause: Int, Comparable, Sendable {
            /// Something else: the connection broke, or an unusual error.
            case other
            /// No socket file: backtalkd is not running (nor is its systemd socket).
            case noSocket
            /// A socket file that nothing listens on: left behind by a daemon that stopped.
            case nobodyListening
            /// The socket or its folder may not be opened by this user.
            case permissionDenied

            /// Orders causes by how much they tell a person: the most telling of several sockets tried is shown.
            public static func < (lhs: Cause, rhs: Cause) -> Bool { lhs.rawValue < rhs.rawValue }

            /// The cause of a failed `connect(2)` with `code` (an errno value).
            public init(connectError code: Int32) {
                switch code {
                case ENOENT, ENOTDIR: self = .noSocket
                case ECONNREFUSED: self = .nobodyListening
                case EACCES, EPERM: self = .permissionDenied
                default: self = .other
                }
            }
        }

        public var path: String
        public var reason: String
        public var cause: Cause = .other
        public var description: String { "cannot reach backtalkd at \(path): \(reason)" }

        public init(path: String, reason: String, cause: Cause = .other) {
            self.path = path
            self.reason = reason
            self.cause = cause
        }
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0

    /// Connects to the socket at `path`.
    public init(path: String) throws(Unreachable) {
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Unreachable(path: path, reason: Self.errorText()) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            close(fd)
            throw Unreachable(path: path, reason: "the path is too long for a Unix socket")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in path.utf8.enumerated() { bytes[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            let reason = Self.errorText()
            close(fd)
            throw Unreachable(path: path, reason: reason, cause: Unreachable.Cause(connectError: code))
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Sends `line` followed by a newline.
    public func send(_ line: [UInt8]) throws(Unreachable) {
        try sendWithoutNewline(line + [UInt8(ascii: "\n")])
    }

    /// Sends `bytes` as they are.
    public func sendWithoutNewline(_ bytes: [UInt8]) throws(Unreachable) {
        var pending = bytes
        var offset = 0
        while offset < pending.count {
            // MSG_NOSIGNAL: a daemon that closed the connection is an error to report, not a SIGPIPE.
            let written = pending.withUnsafeMutableBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw Unreachable(path: "the socket", reason: "the connection broke while sending") }
            offset += written
        }
        pending.removeAll()
    }

    /// Called once when a reply takes longer than ``slowReplySeconds``: a daemon that is still starting
    /// (training its classifier) accepts connections at once but answers only when it is ready.
    public var onSlowReply: (() -> Void)?
    /// How long a reply may take before ``onSlowReply`` is called.
    public var slowReplySeconds = 1.0

    /// Reads the next line, without its newline; nil when the daemon closed the connection.
    public func receiveLine() throws(Unreachable) -> [UInt8]? {
        if let notice = onSlowReply, buffer[start...].firstIndex(of: UInt8(ascii: "\n")) == nil, !replyArrives() {
            onSlowReply = nil
            notice()
        }
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                if start == buffer.count {
                    buffer.removeAll(keepingCapacity: true)
                    start = 0
                }
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw Unreachable(path: "the socket", reason: "the connection broke while reading") }
            if count == 0 { return nil }
            buffer += chunk[0..<count]
        }
    }

    /// Whether something to read arrives within ``slowReplySeconds``.
    private func replyArrives() -> Bool {
        var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&waiting, 1, Int32(slowReplySeconds * 1000)) != 0
    }

    /// Closes the sending side, so the daemon answers what it has and closes.
    public func finishSending() {
        shutdown(fd, Int32(SHUT_WR))
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
