import NIOCore

/// Hands each line a connection receives (after `LineBasedFrameDecoder`) to `onLine`, and says when the
/// connection is gone. Used for both of the bridge's connections: IRC and backtalkd.
final class LineChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let onLine: ([UInt8]) -> Void
    private let onClose: () -> Void

    init(onLine: @escaping ([UInt8]) -> Void, onClose: @escaping () -> Void) {
        self.onLine = onLine
        self.onClose = onClose
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        onLine(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    func channelInactive(context: ChannelHandlerContext) {
        onClose()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
