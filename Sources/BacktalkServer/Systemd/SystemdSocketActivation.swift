#if canImport(CSystemd)
internal import CSystemd
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The listening socket systemd passes a socket-activated service (sd_listen_fds(3)).
enum SystemdSocketActivation {
    /// Why the passed sockets cannot be served.
    struct Unusable: Error, CustomStringConvertible {
        var description: String
    }

    /// The passed listening Unix stream socket, or nil when the daemon was not socket-activated.
    /// - Throws: ``Unusable`` when systemd passed something else than one listening Unix stream socket.
    static func listeningSocket() throws(Unusable) -> CInt? {
        #if canImport(CSystemd)
        let count = sd_listen_fds(1)
        guard count > 0 else { return nil }
        guard count == 1 else {
            throw Unusable(
                description: "systemd passed \(count) sockets; backtalk.socket must have exactly one ListenStream=")
        }
        let descriptor = SD_LISTEN_FDS_START
        guard sd_is_socket_unix(descriptor, Int32(SOCK_STREAM.rawValue), 1, nil, 0) > 0 else {
            throw Unusable(
                description: "the socket systemd passed is not a listening Unix stream socket; "
                    + "use ListenStream=/path in backtalk.socket")
        }
        return descriptor
        #else
        return nil
        #endif
    }
}
