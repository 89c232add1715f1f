#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BacktalkProtocol
import Foundation

/// Connects to the first reachable daemon socket and exchanges requests and replies with it.
public final class DaemonClient {
    private let connection: Connection
    private var nextID = 0

    /// Connects to `path` if given, else to the first of the usual places that answers.
    /// - Throws: ``Connection/Unreachable`` naming the places tried, with the most telling cause of them.
    public init(socket path: String?) throws(Connection.Unreachable) {
        let candidates =
            path.map { [$0] }
            ?? SocketLocation.clientCandidates(environment: ProcessInfo.processInfo.environment, userID: getuid())
        var failures: [Connection.Unreachable] = []
        for candidate in candidates {
            do {
                connection = try Connection(path: candidate)
                return
            } catch {
                failures.append(error)
            }
        }
        guard let telling = failures.max(by: { $0.cause < $1.cause }), telling.cause != .noSocket else {
            throw Connection.Unreachable(
                path: candidates.joined(separator: " or "), reason: "no such socket", cause: .noSocket)
        }
        throw telling
    }

    /// Called once when the daemon is slow to answer, as one that is still starting is
    /// (``Connection/onSlowReply``).
    public var onSlowReply: (() -> Void)? {
        get { connection.onSlowReply }
        set { connection.onSlowReply = newValue }
    }

    /// Sends `line` and returns the raw reply line.
    public func exchange(_ line: [UInt8]) throws(Connection.Unreachable) -> [UInt8] {
        try connection.send(line)
        guard let reply = try connection.receiveLine() else {
            throw Connection.Unreachable(path: "the socket", reason: "backtalkd closed the connection")
        }
        return reply
    }

    /// Asks `question`, as a turn of the conversation `session` when given; returns the raw reply line.
    public func ask(
        _ question: String, language: Language? = nil, session: String? = nil
    ) throws(Connection.Unreachable) -> [UInt8] {
        try exchange(RequestLine.ask(question, id: makeID(), language: language, session: session))
    }

    /// Sends a request other than `ask`; returns the raw reply line.
    public func request(_ type: RequestType) throws(Connection.Unreachable) -> [UInt8] {
        try exchange(RequestLine.simple(type, id: makeID()))
    }

    private func makeID() -> String {
        nextID += 1
        return String(nextID)
    }
}
