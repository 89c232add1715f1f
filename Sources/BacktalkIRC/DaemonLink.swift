import BacktalkClient
import BacktalkProtocol
import NIOCore
import NIOExtras
import NIOPosix

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
