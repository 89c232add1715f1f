/// Where the daemon's socket is when no `--socket` is given; the daemon and the client agree on it.
public enum SocketLocation {
    /// The socket `backtalk.socket` makes, for every local user.
    public static let system = "/run/backtalk/backtalk.sock"
    /// The file name inside a runtime folder.
    public static let fileName = "backtalk.sock"

    /// Where the daemon listens: `$RUNTIME_DIRECTORY/backtalk.sock` under systemd, the system socket for
    /// root, else `$XDG_RUNTIME_DIR/backtalk.sock` (or `/tmp/backtalk-UID.sock` without one).
    public static func daemonDefault(environment: [String: String], userID: UInt32) -> String {
        if let runtime = environment["RUNTIME_DIRECTORY"]?.split(separator: ":").first, !runtime.isEmpty {
            return "\(runtime)/\(fileName)"
        }
        if userID == 0 { return system }
        return userDefault(environment: environment, userID: userID)
    }

    /// Where the client looks, in order: `$BACKTALK_SOCKET`, the user's own socket, the system socket.
    public static func clientCandidates(environment: [String: String], userID: UInt32) -> [String] {
        if let explicit = environment["BACKTALK_SOCKET"], !explicit.isEmpty { return [explicit] }
        return userID == 0 ? [system] : [userDefault(environment: environment, userID: userID), system]
    }

    private static func userDefault(environment: [String: String], userID: UInt32) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { return "\(runtime)/\(fileName)" }
        return "/tmp/backtalk-\(userID).sock"
    }
}
