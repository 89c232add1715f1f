import BacktalkClient
import BacktalkProtocol
import BacktalkTesting
import Foundation
import Testing

/// The JSON Lines protocol over the real socket: errors keep the connection usable, pipelined requests
/// are answered in order, many clients are served at once.
@Suite(.serialized) struct ProtocolOverSocketTests {
    var daemon: TestDaemon { EndToEndTests.daemon }

    @Test(arguments: [
        ("not json", "invalid_json"),
        ("[1,2,3]", "not_an_object"),
        (#"{"id":"e","text":"hi"}"#, "missing_type"),
        (#"{"id":"e","type":"sing"}"#, "unknown_type"),
        (#"{"id":"e","type":"ask"}"#, "missing_text"),
        (#"{"id":"e","type":"ask","text":""}"#, "empty_text"),
        (#"{"id":"e","type":"ask","text":42}"#, "invalid_field"),
        (#"{"id":"e","type":"ask","text":"hi","lang":"de"}"#, "unsupported_language"),
        (#"{"id":"e","type":"ask","text":"a","text":"b"}"#, "duplicate_key"),
        (String(repeating: "x", count: 20_000), "line_too_long"),
    ])
    func aMalformedLineGetsAnErrorAndTheConnectionLivesOn(line: String, code: String) throws {
        let connection = try Connection(path: daemon.socket)
        try connection.send(Array(line.utf8))
        let error = try jsonObject(try #require(try connection.receiveLine()))
        #expect(error["type"] as? String == "error")
        #expect(error["code"] as? String == code)
        #expect((error["message"] as? String)?.isEmpty == false)
        try connection.send(RequestLine.ask("how often should I get a massage?", id: "after"))
        let reply = try jsonObject(try #require(try connection.receiveLine()))
        #expect(reply["id"] as? String == "after")
        #expect(reply["intent"] as? String == "faq.frequency")
    }

    @Test func invalidUTF8GetsAnError() throws {
        let connection = try Connection(path: daemon.socket)
        try connection.send([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D])
        let error = try jsonObject(try #require(try connection.receiveLine()))
        #expect(error["code"] as? String == "invalid_json")
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let connection = try Connection(path: daemon.socket)
        let count = 2000
        let questions = ["how often should I get a massage?", "hvad er fysiologisk massage", "hej", "weather?"]
        var batch: [UInt8] = []
        for index in 0..<count {
            batch += RequestLine.ask(questions[index % questions.count], id: "p\(index)") + [UInt8(ascii: "\n")]
        }
        try connection.send(Array(batch.dropLast()))
        for index in 0..<count {
            let reply = try jsonObject(try #require(try connection.receiveLine()))
            #expect(reply["id"] as? String == "p\(index)")
        }
    }

    @Test func manyClientsAtOnce() async throws {
        let socket = daemon.socket
        let clients = 48
        let perClient = 40
        let answered = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask {
                    let connection = try Connection(path: socket)
                    var right = 0
                    for index in 0..<perClient {
                        try connection.send(RequestLine.ask("hvor tit skal jeg have massage", id: "\(client)-\(index)"))
                        let reply = try jsonObject(try #require(try connection.receiveLine()))
                        if reply["id"] as? String == "\(client)-\(index)" && reply["intent"] as? String == "faq.frequency" {
                            right += 1
                        }
                    }
                    return right
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(answered == clients * perClient)
    }

    @Test func aLastLineWithoutNewlineIsAnsweredBeforeClosing() throws {
        let connection = try Connection(path: daemon.socket)
        try connection.send(RequestLine.simple(.status, id: "s1"))
        let first = try jsonObject(try #require(try connection.receiveLine()))
        #expect(first["id"] as? String == "s1")
        // No newline, then half-close: the daemon still answers and then closes.
        let raw = RequestLine.ask("tak", id: "last")
        let other = try Connection(path: daemon.socket)
        try other.sendWithoutNewline(raw)
        other.finishSending()
        let reply = try jsonObject(try #require(try other.receiveLine()))
        #expect(reply["id"] as? String == "last")
        #expect(try other.receiveLine() == nil)
    }
}
