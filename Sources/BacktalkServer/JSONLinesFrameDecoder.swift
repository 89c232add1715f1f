import NIOCore

/// One frame of the JSON Lines stream.
enum RequestFrame {
    /// A request line, without its `\n` (or `\r\n`).
    case line(ByteBuffer)
    /// A line longer than the limit; its bytes were dropped.
    case tooLong
}

/// Splits the byte stream at `\n` into ``RequestFrame``s, never holding more than the line limit:
/// a longer line becomes one `.tooLong` frame and the rest of it is skipped. Blank lines are ignored.
/// A last line without a newline, before the client closes its side, is still a request.
struct JSONLinesFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = RequestFrame

    let maximumLineLength: Int
    /// Whether the bytes up to the next newline belong to a line already refused.
    private var skippingLongLine = false

    init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maximumLineLength {
                if !skippingLongLine {
                    skippingLongLine = true
                    context.fireChannelRead(wrapInboundOut(.tooLong))
                }
                buffer.moveReaderIndex(to: buffer.writerIndex)
            }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        if skippingLongLine {
            skippingLongLine = false
        } else if length > maximumLineLength {
            context.fireChannelRead(wrapInboundOut(.tooLong))
        } else {
            emit(&line, context: context)
        }
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if buffer.readableBytes > 0 && !skippingLongLine {
            var line = buffer.readSlice(length: buffer.readableBytes)!
            emit(&line, context: context)
        }
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }

    private func emit(_ line: inout ByteBuffer, context: ChannelHandlerContext) {
        if line.readableBytesView.last == UInt8(ascii: "\r") {
            line.moveWriterIndex(to: line.writerIndex - 1)
        }
        let isBlank = line.readableBytesView.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        if !isBlank { context.fireChannelRead(wrapInboundOut(.line(line))) }
    }
}
