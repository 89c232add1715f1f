import BacktalkCore
import BacktalkProtocol
import NIOCore

/// Refuses a connection over the cap: one `busy` error line, then close. Served connections are unaffected.
final class BusyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func channelActive(context: ChannelHandlerContext) {
        var bytes: [UInt8] = []
        ReplyWriter.error(
            ProtocolError(.busy, "backtalkd is serving its limit of \(limit) connections; try again in a moment"),
            to: &bytes)
        var buffer = context.channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}
