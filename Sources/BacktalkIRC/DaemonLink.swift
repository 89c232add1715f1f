import BacktalkClient
import BacktalkProtocol
import NIOCore
import NIOExtras
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// The bridge's connection to backtalkd: asks are pipelined on one Unix socket connection and replies
/// matched by order. Connects on first use and again after the daemon went away. It lives on `loop`, where
/// every method must be called; it is not `Sendable`.
final class DaemonLink {
    private let loop: any EventLoop
    private let socketPath: String
    private var channel: EventLoopFuture<any Channel>?
    private var waiting: [EventLoopPromise<Reply>] = []
    private var nextID = 0

    init(loop: any EventLoop, socketPath: String) {
        self.loop = loop
        self.socketPath = socketPath
    }

    /// Asks `text` as a turn of `session`; fails when backtalkd cannot be reached.
    func ask(_ text: String, session: String) -> EventLoopFuture<Reply> {
        loop.preconditionInEventLoop()
        nextID += 1
        let line = RequestLine.ask(text, id: "irc\(nextID)", session: session) + [0x0A]
        return connection().assumeIsolated().flatMap { channel in
            let promise = self.loop.makePromise(of: Reply.self)
            self.waiting.append(promise)
            channel.writeAndFlush(channel.allocator.buffer(bytes: line), promise: nil)
            return promise.futureResult
        }.nonisolated()
    }

    /// A log line for an ask that failed with `error`: what went wrong and what to check, as the client says it.
    static func explanation(of error: any Error, socketPath: String) -> String {
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
    func close() {
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
        connecting.assumeIsolated().whenFailure { _ in self.channel = nil }
        channel = connecting
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
