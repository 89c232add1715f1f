import BacktalkClient
import BacktalkProtocol
import BacktalkTesting
import Foundation
import Testing

/// A reload of a broken knowledge base is refused and the previous one keeps answering, whether an
/// administrator asks over the socket or systemd sends SIGHUP (here sent by hand, without systemd).
@Suite struct ReloadTests {
    @Test func aBrokenKnowledgeBaseIsRefusedAndTheOldOneKeepsAnswering() throws {
        let copy = try temporaryDirectory() + "/knowledge"
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: copy).deletingLastPathComponent().path) }
        try FileManager.default.copyItem(atPath: Repository.knowledge, toPath: copy)
        let daemon = try TestDaemon(knowledge: copy)
        defer { daemon.stop() }
        let connection = try Connection(path: daemon.socket)
        let digest = try knowledgeDigest(on: connection)

        let faq = copy + "/faq.yaml"
        let text = try String(contentsOfFile: faq, encoding: .utf8)
        try (text + "\n  - id: [broken\n").write(toFile: faq, atomically: true, encoding: .utf8)

        try connection.send(RequestLine.simple(.reload, id: "r"))
        let refused = try jsonObject(try #require(try connection.receiveLine()))
        #expect(refused["type"] as? String == "error")
        #expect(refused["code"] as? String == "reload_refused")
        let message = try #require(refused["message"] as? String)
        #expect(message.contains("faq.yaml"), "the refusal names the broken file: \(message)")

        kill(daemon.process.processIdentifier, SIGHUP)
        var refusals: Int { daemon.log.components(separatedBy: "reload refused").count - 1 }
        let deadline = Date().addingTimeInterval(30)
        while refusals < 2, Date() < deadline { usleep(20_000) }
        #expect(refusals == 2, "the request's refusal and SIGHUP's are logged: \(daemon.log)")

        #expect(daemon.process.isRunning)
        #expect(try knowledgeDigest(on: connection) == digest)
        try connection.send(RequestLine.ask("hvor tit skal jeg have massage?", id: "after"))
        let answer = try jsonObject(try #require(try connection.receiveLine()))
        #expect(answer["intent"] as? String == "faq.frequency")
    }

    private func knowledgeDigest(on connection: Connection) throws -> String {
        try connection.send(RequestLine.simple(.status, id: "s"))
        let status = try jsonObject(try #require(try connection.receiveLine()))
        return try #require((status["knowledge"] as? [String: Any])?["digest"] as? String)
    }
}
