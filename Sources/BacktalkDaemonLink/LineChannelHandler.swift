import NIOCore

/// Hands each line a connection receives (after `LineBasedFrameDecoder`) to `onLine`, and says when the
/// connection is gone. Used for backtalkd's connection and for the IRC server's.
public final class LineChannelHandler: ChannelInboundHandler {
    public typealias InboundIn = ByteBuffer

    private let onLine: ([UInt8]) -> Void
    private let onClose: () -> Void

    public init(onLine: @escaping ([UInt8]) -> Void, onClose: @escaping () -> Void) {
        self.onLine = onLine
        self.onClose = onClose
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        onLine(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    public func channelInactive(context: ChannelHandlerContext) {
        onClose()
        context.fireChannelInactive()
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
