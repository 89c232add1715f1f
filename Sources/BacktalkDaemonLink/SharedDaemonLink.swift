import BacktalkProtocol
import NIOCore

/// A ``DaemonLink`` for async code: each ask hops to the link's event loop, so tasks on any thread may
/// ask at once; their questions are pipelined on the one connection.
public struct SharedDaemonLink: Sendable {
    private let link: NIOLoopBound<DaemonLink>
    /// The socket it asks on.
    public let socketPath: String

    /// A link to backtalkd's `socketPath` that lives on `loop`; it connects at the first question.
    public init(loop: any EventLoop, socketPath: String, idPrefix: String) async throws {
        self.socketPath = socketPath
        link = try await loop.submit {
            NIOLoopBound(DaemonLink(loop: loop, socketPath: socketPath, idPrefix: idPrefix), eventLoop: loop)
        }.get()
    }

    /// Asks `text` as a turn of `session`; throws when backtalkd cannot be reached.
    public func ask(_ text: String, session: String) async throws -> Reply {
        let link = self.link
        return try await link.eventLoop.flatSubmit { link.value.ask(text, session: session) }.get()
    }

    /// Closes the connection.
    public func close() async {
        let link = self.link
        try? await link.eventLoop.submit { link.value.close() }.get()
    }
}
