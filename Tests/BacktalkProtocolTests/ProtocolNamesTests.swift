@testable import BacktalkProtocol
import Testing

/// Inside the protocol module, each wire name is spelled once: what the client decodes is what the daemon
/// writes.
@Suite struct ProtocolNamesTests {
    @Test func everyKeyTheClientDecodesIsAReplyKey() {
        let replyKeys = Set(ReplyKey.allCases.map(\.name))
        let decoded = Reply.CodingKeys.allCases.map(\.stringValue)
        #expect(decoded.count > 10)
        #expect(decoded.filter { !replyKeys.contains($0) } == [])
    }

    @Test func requestLinesUseTheKeysTheDecoderReads() throws {
        let line = RequestLine.ask("hello", id: "7", language: .danish, session: "s")
        guard case .success(let request) = RequestDecoder.decode(line) else {
            Issue.record("\(String(decoding: line, as: UTF8.self)) did not decode")
            return
        }
        #expect(request == .ask(id: "7", text: "hello", language: .danish, session: "s"))
        let bridged = try #require(BridgeRequest.line(from: #"{"session":"s","text":"hi"}"#))
        #expect(try RequestDecoder.decode(bridged).get() == .ask(id: nil, text: "hi", language: nil, session: "s"))
    }
}
