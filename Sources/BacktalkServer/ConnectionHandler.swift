import NIOCore

/// Answers the requests of one connection, in order, on the connection's event loop. Replies to the
/// requests of one read are flushed together, so a pipelining client gets them in one write.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = RequestFrame
    typealias OutboundOut = ByteBuffer

    private var responder: RequestResponder
    private let maximumLineLength: Int
    private var output: [UInt8] = []

    init(responder: RequestResponder, maximumLineLength: Int) {
        self.responder = responder
        self.maximumLineLength = maximumLineLength
        output.reserveCapacity(4096)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        output.removeAll(keepingCapacity: true)
        switch unwrapInboundIn(data) {
        case .line(let line):
            line.withUnsafeReadableBytes { responder.respond(to: $0, into: &output) }
        case .tooLong:
            responder.refuseLongLine(limit: maximumLineLength, into: &output)
        }
        var buffer = context.channel.allocator.buffer(capacity: output.count)
        buffer.writeBytes(output)
        context.write(wrapOutboundOut(buffer), promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelShouldQuiesceEvent, ChannelEvent.inputClosed:
            // Everything received has been answered: send it and close.
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0)))
                .assumeIsolated()
                .whenComplete { _ in context.close(promise: nil) }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
