import BacktalkCore
import BacktalkProtocol
@testable import BacktalkServer
import BacktalkTesting
import BacktalkTraining
import Foundation
import Logging
import NIOCore
import NIOEmbedded
import Testing

/// The channel handlers in process, on an `EmbeddedChannel`: the frame decoder, the line limit, and the
/// connection handler's reply order and backpressure.
@Suite struct ChannelHandlerTests {
    /// The shipped knowledge base, as the test kit loads it once.
    static let state = ServiceState(snapshot: Shipped.snapshot)

    private func decoderChannel(limit: Int = 64) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(
            ByteToMessageHandler(JSONLinesFrameDecoder(maximumLineLength: limit)))
        return channel
    }

    private func frames(_ channel: EmbeddedChannel) throws -> [String] {
        var frames: [String] = []
        while let frame = try channel.readInbound(as: RequestFrame.self) {
            switch frame {
            case .line(let line): frames.append(String(buffer: line))
            case .tooLong: frames.append("<too long>")
            }
        }
        return frames
    }

    @Test func linesAreSplitAtNewlinesAndBlankOnesSkipped() throws {
        let channel = try decoderChannel()
        try channel.writeInbound(ByteBuffer(string: "one\ntw"))
        try channel.writeInbound(ByteBuffer(string: "o\r\n\n   \nthree"))
        #expect(try frames(channel) == ["one", "two"])
        // The last line without a newline is still a request when the client closes its side.
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        #expect(try frames(channel) == ["three"])
        _ = try channel.finish()
    }

    @Test func aLineOverTheLimitIsOneTooLongFrameAndTheNextLineIsServed() throws {
        let channel = try decoderChannel(limit: 8)
        try channel.writeInbound(ByteBuffer(string: "0123456789"))
        try channel.writeInbound(ByteBuffer(string: "abcdef"))
        #expect(try frames(channel) == ["<too long>"], "refused once, while its bytes are skipped")
        try channel.writeInbound(ByteBuffer(string: "ghi\nok\n0123456789abc\nlast\n"))
        #expect(try frames(channel) == ["ok", "<too long>", "last"])
        _ = try channel.finish()
    }

    private func connectionChannel(administrator: Bool = true) throws -> (EmbeddedChannel, ReadRecorder) {
        let channel = EmbeddedChannel()
        let recorder = ReadRecorder()
        let responder = RequestResponder(
            state: Self.state, logger: Logger(label: "test"), logQuestions: false,
            peer: PeerCredentials(userID: administrator ? 0 : 65534))
        try channel.pipeline.syncOperations.addHandlers(
            recorder, ByteToMessageHandler(JSONLinesFrameDecoder(maximumLineLength: 1024)),
            ConnectionHandler(responder: responder, maximumLineLength: 1024, logger: Logger(label: "test")))
        // Connected, as a client's channel is: a reply that comes later is written only to an active one.
        try channel.connect(to: SocketAddress(unixDomainSocketPath: "/tmp/backtalk-embedded.sock")).wait()
        return (channel, recorder)
    }

    private func replies(_ channel: EmbeddedChannel) throws -> [[String: Any]] {
        var replies: [[String: Any]] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
            for line in String(buffer: buffer).split(separator: "\n") {
                replies.append(try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
            }
        }
        return replies
    }

    @Test func repliesKeepTheOrderOfRequestsAndALaterReplyHoldsTheOnesAfterIt() async throws {
        let (channel, _) = try connectionChannel()
        try channel.writeInbound(ByteBuffer(string: """
            {"id":"1","type":"ask","text":"hej"}
            {"id":"2","type":"reload"}
            {"id":"3","type":"ask","text":"hvor tit skal jeg have massage?"}
            not json

            """))
        #expect(try replies(channel).map { $0["id"] as? String } == ["1"], "the replies after the reload wait for it")

        var jobs = Self.state.reloads.jobs.makeAsyncIterator()
        let job = try #require(await jobs.next())
        job.promise?.succeed(.refused(KnowledgeBaseError(problems: [])))
        channel.embeddedEventLoop.run()
        let rest = try replies(channel)
        #expect(rest.map { $0["id"] as? String } == ["2", "3", nil])
        #expect(rest.map { $0["type"] as? String } == ["error", "answer", "error"])
        #expect(rest.first?["code"] as? String == "reload_refused")
        _ = try channel.finish()
    }

    @Test func itStopsReadingWhileTheClientTakesNoRepliesAndReadsAgainAfter() throws {
        let (channel, recorder) = try connectionChannel()
        channel.isWritable = false
        channel.pipeline.fireChannelWritabilityChanged()
        #expect(recorder.reads == 0, "no read is asked for while the client does not take its replies")
        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        #expect(recorder.reads == 1, "reading starts again once it does")
        _ = try channel.finish()
    }

    @Test func ordinaryUsersAreRefusedAdministrativeRequests() throws {
        let (channel, _) = try connectionChannel(administrator: false)
        try channel.writeInbound(ByteBuffer(string: "{\"id\":\"s\",\"type\":\"stats\"}\n"))
        let reply = try #require(try replies(channel).first)
        #expect(reply["code"] as? String == "forbidden")
        _ = try channel.finish()
    }
}

/// Counts the reads the handlers after it ask for.
final class ReadRecorder: ChannelOutboundHandler {
    typealias OutboundIn = Any
    private(set) var reads = 0

    func read(context: ChannelHandlerContext) {
        reads += 1
        context.read()
    }
}
