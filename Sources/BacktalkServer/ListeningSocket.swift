#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The socket the daemon listens on, ready before the knowledge base is trained: a question asked while the
/// daemon starts waits in the socket's backlog for its answer instead of finding no socket. It is the one
/// systemd passed (socket activation), or one the daemon binds itself and removes when it stops.
public struct ListeningSocket: Sendable {
    /// The listening descriptor.
    let descriptor: CInt
    /// The socket file the daemon made itself, removed when it stops; nil for systemd's.
    let ownPath: String?

    /// Why no socket could be listened on; the message says what to do.
    public struct Unusable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The socket systemd passed, else a new one bound at `path` that every local user may connect to.
    /// - Throws: ``Unusable`` when systemd passed something unusable, another daemon serves `path`, or
    ///   `path` cannot be bound.
    public static func open(path: String) throws(Unusable) -> ListeningSocket {
        do {
            if let activated = try SystemdSocketActivation.listeningSocket() {
                return ListeningSocket(descriptor: activated, ownPath: nil)
            }
            try SocketFile.prepare(path)
        } catch let error as SystemdSocketActivation.Unusable {
            throw Unusable(description: error.description)
        } catch let error as SocketFile.Unusable {
            throw Unusable(description: error.description)
        } catch {
            throw Unusable(description: "\(error)")
        }
        return try bind(path)
    }

    /// The socket's path, for the log: its own, or where systemd bound it.
    public var path: String {
        if let ownPath { return ownPath }
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { return "the socket systemd passed" }
        return withUnsafeBytes(of: address.sun_path) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Closes the socket when the daemon gives up before serving it, and removes its own socket file.
    public func abandon() {
        close(descriptor)
        removeOwnFile()
    }

    /// Removes the daemon's own socket file, when it made one.
    func removeOwnFile() {
        if let ownPath { SocketFile.remove(ownPath) }
    }

    private static func bind(_ path: String) throws(Unusable) -> ListeningSocket {
        #if canImport(Glibc)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Unusable(description: "cannot make a socket: \(errorText())") }
        let bound = SocketFile.withAddress(of: path) { Glibc.bind(descriptor, $0, $1) }
        guard bound == 0, listen(descriptor, backlog) == 0 else {
            let reason = errorText()
            close(descriptor)
            throw Unusable(description: "cannot listen on \(path) (\(reason)); choose another --socket")
        }
        SocketFile.allowEveryone(path)
        return ListeningSocket(descriptor: descriptor, ownPath: path)
    }

    /// Connections that may wait to be accepted, while the daemon trains or is busy.
    private static let backlog: Int32 = 256

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
