#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Who is at the other end of a Unix socket connection, from `SO_PEERCRED`.
struct PeerCredentials: Sendable {
    var userID: uid_t

    /// Root and the daemon's own user may send administrative requests.
    var isAdministrator: Bool { userID == 0 || userID == getuid() }

    /// The credentials of `channel`'s peer; anyone unknown is treated as an ordinary user.
    static func of(_ channel: any Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeSucceededFuture(PeerCredentials(userID: uid_t.max))
        }
        let credentials: EventLoopFuture<SocketCredentials> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return credentials.map { PeerCredentials(userID: $0.userID) }
            .recover { _ in PeerCredentials(userID: uid_t.max) }
    }
}

/// The layout of Linux's `struct ucred` (socket(7)), which Swift's Glibc module does not export.
private struct SocketCredentials: Sendable {
    var processID: pid_t = 0
    var userID: uid_t = 0
    var groupID: gid_t = 0
}
