import BacktalkClient
import BacktalkProtocol
import NIOCore
import NIOExtras
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// A bridge's connection to backtalkd: asks are pipelined on one Unix socket connection and replies
/// matched by order. Connects on first use and again after the daemon went away. It lives on `loop`, where
/// every method must be called; it is not `Sendable` (``SharedDaemonLink`` is its face for async code).
public final class DaemonLink {
    private let loop: any EventLoop
    private let socketPath: String
    /// What request IDs start with: the bridge's name.
    private let idPrefix: String
    private var channel: EventLoopFuture<any Channel>?
    private var waiting: [EventLoopPromise<Reply>] = []
    private var nextID = 0

    public init(loop: any EventLoop, socketPath: String, idPrefix: String) {
        self.loop = loop
        self.socketPath = socketPath
        self.idPrefix = idPrefix
    }

    /// Asks `text` as a turn of `session`; fails when backtalkd cannot be reached.
    public func ask(_ text: String, session: String) -> EventLoopFuture<Reply> {
        loop.preconditionInEventLoop()
        nextID += 1
        let line = RequestLine.ask(text, id: "\(idPrefix)\(nextID)", session: session) + [0x0A]
        return connection().assumeIsolated().flatMap { channel in
            let promise = self.loop.makePromise(of: Reply.self)
            self.waiting.append(promise)
            channel.writeAndFlush(channel.allocator.buffer(bytes: line), promise: nil)
            return promise.futureResult
        }.nonisolated()
    }

    /// A log line for an ask that failed with `error`: what went wrong and what to check, as the client says it.
    public static func explanation(of error: any Error, socketPath: String) -> String {
        guard let code = (error as? IOError)?.errnoCode else {
            return "backtalkd did not answer on \(socketPath) (\(error)); the next question connects again; "
                + "if this repeats, check `systemctl status backtalk`"
        }
        let unreachable = Connection.Unreachable(
            path: socketPath, reason: String(cString: strerror(code)), cause: .init(connectError: code))
        return "backtalkd did not answer: "
            + UnreachableAdvice.message(for: unreachable, installation: .system).dropFirst("backtalk: ".count)
    }

    /// Closes the connection.
    public func close() {
        channel?.whenSuccess { $0.close(promise: nil) }
    }

    private func connection() -> EventLoopFuture<any Channel> {
        if let channel { return channel }
        let link = NIOLoopBound(self, eventLoop: loop)
        let connecting = ClientBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(LineBasedFrameDecoder()),
                        LineChannelHandler(onLine: { link.value.received($0) }, onClose: { link.value.closed() }),
                    ])
                }
            }
            .connect(unixDomainSocketPath: socketPath)
        // Kept before the failure is handled: a connect to a missing socket fails at once, inside the call
        // above, and the failed attempt must not stay cached as the connection.
        channel = connecting
        connecting.assumeIsolated().whenFailure { _ in
            if self.channel === connecting { self.channel = nil }
        }
        return connecting
    }

    private func received(_ line: [UInt8]) {
        guard !waiting.isEmpty else { return }
        let promise = waiting.removeFirst()
        do { promise.succeed(try Reply(line: line)) } catch { promise.fail(error) }
    }

    private func closed() {
        channel = nil
        let failed = waiting
        waiting.removeAll()
        for promise in failed { promise.fail(ChannelError.ioOnClosedChannel) }
    }
}
