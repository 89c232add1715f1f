/// What the client says when it cannot reach backtalkd: what went wrong, and what to do next for the way
/// this copy of backtalk was installed.
public enum UnreachableAdvice {
    /// How backtalk was installed, which decides how its daemon is started.
    public enum Installation: Sendable {
        /// Built in a source folder and run from its `.build`: `make run` starts the daemon.
        case sourceTree
        /// Installed by the package or `make install`: systemd starts the daemon through backtalk.socket.
        case system

        /// The installation of the program at `executable`.
        public init(executable: String) {
            self = executable.contains("/.build") ? .sourceTree : .system
        }
    }

    /// One message, for standard error, for `error` under `installation`.
    public static func message(for error: Connection.Unreachable, installation: Installation) -> String {
        let start =
            switch installation {
            case .sourceTree: "start it with `make run` in the source folder"
            case .system: "start it with `sudo systemctl enable --now backtalk.socket` (an administrator's task)"
            }
        switch error.cause {
        case .noSocket:
            return "backtalk: backtalkd is not running (no socket at \(error.path)); \(start)."
        case .nobodyListening:
            return """
                backtalk: nothing answers on \(error.path): the socket was left behind by a backtalkd that stopped; \
                \(start), and it replaces the socket.
                """
        case .permissionDenied:
            return """
                backtalk: permission denied on \(error.path). Every local user may ask, so the socket must be \
                srw-rw-rw- (0666) in a folder everyone may enter (0755): check `ls -ld \(folder(of: error.path)) \
                \(error.path)`; for the system service, SocketMode= and DirectoryMode= in `systemctl cat \
                backtalk.socket`.
                """
        case .other:
            return "backtalk: \(error); \(start), or give the right socket with --socket PATH."
        }
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
