import BacktalkClient
import BacktalkCore
import BacktalkIRC
import BacktalkProtocol
import BacktalkTesting
import Foundation
import Testing

/// The real `backtalk-irc` between a real IRC server (ngircd, on loopback) and the real daemon with the
/// shipped knowledge base: questions in a channel and in private, in English and Danish, a conversation
/// in context, and the bridge coming back after the IRC server restarts.
@Suite(.serialized) struct IRCBridgeEndToEndTests {
    /// The first 40 characters of the summary the daemon answers `question` with on its own, or of the
    /// rest of that answer.
    private func expectedStart(of question: String, rest: Bool = false) throws -> String {
        let client = try DaemonClient(socket: EndToEndTests.daemon.socket)
        let reply = try Reply(line: try client.ask(question))
        return String(((rest ? reply.detail : reply.summary) ?? "").prefix(40))
    }

    /// Every line of the bridge's next reply to `target`, the first one included, up to its suggestions.
    private func reply(from client: IRCTestClient, to target: String) throws -> [String] {
        var lines: [String] = []
        while let message = try client.waitFor(timeout: 20, {
            $0.command == "PRIVMSG" && $0.senderNick == "backtalk" && $0.parameters.first == target
        }) {
            let text = message.parameters[1]
            lines.append(text)
            if text.hasSuffix("(reply with a number)") || text.hasSuffix("(svar med et tal)") { break }
        }
        return lines
    }

    /// Joins `#backpain` and waits until the bridge is in it too.
    private func joinWithTheBridge(_ client: IRCTestClient) throws {
        try client.send("JOIN #backpain")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            try client.send("NAMES #backpain")
            if let names = try client.waitFor(timeout: 1, { $0.command == "353" }),
                names.parameters.last?.split(separator: " ").contains(where: { $0.hasSuffix("backtalk") }) == true
            {
                return
            }
            usleep(300_000)
        }
        Issue.record("the bridge did not join #backpain within 60 s")
    }

    /// The real `backtalk-irc`, started with the common arguments and `arguments`, stopped when released;
    /// its log goes to a file.
    final class RunningBridge {
        let process = Process()
        private let logPath: String

        init(_ arguments: [String], socket: String = EndToEndTests.daemon.socket) throws {
            logPath = try temporaryDirectory() + "/backtalk-irc.log"
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: Repository.binaries + "/backtalk-irc")
            process.arguments =
                ["--nick", "backtalk", "--channel", "#backpain", "--socket", socket,
                 "--burst", "5", "--line-interval", "0.1"] + arguments
            process.standardError = FileHandle(forWritingAtPath: logPath)
            try process.run()
        }

        /// What the bridge logged so far.
        var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

        deinit {
            process.terminate()
            process.waitUntilExit()
        }
    }

    @Test func answersInChannelsAndPrivateInBothLanguagesAndComesBackAfterARestart() throws {
        let server = try IRCTestServer()
        let bridge = try RunningBridge(["--server", "127.0.0.1", "--port", "\(server.port)"])

        var alice = try IRCTestClient(port: server.port, nick: "alice")
        try joinWithTheBridge(alice)

        // In the channel, only messages addressed to the bridge get an answer, prefixed with the nick.
        try alice.send("PRIVMSG #backpain :hello everyone, my back hurts")
        try alice.send("PRIVMSG #backpain :backtalk: how often should I get a massage?")
        var lines = try reply(from: alice, to: "#backpain")
        try #require(!lines.isEmpty, "no answer in the channel; the bridge's log:\n\(bridge.log)")
        #expect(lines[0].hasPrefix("alice: " + (try expectedStart(of: "how often should I get a massage?"))))
        #expect(lines.contains("(Type \"more\" for the rest.)"))
        // "more" gives the rest of the answer, which comes in several lines.
        try alice.send("PRIVMSG #backpain :backtalk: more")
        lines = try reply(from: alice, to: "#backpain")
        #expect(lines.first?.hasPrefix("alice: " + (try expectedStart(of: "how often should I get a massage?", rest: true))) == true)
        #expect(lines.count > 2, "the rest of a long answer comes in several lines")
        #expect(lines.allSatisfy { $0.utf8.count <= 400 })

        try alice.send("PRIVMSG #backpain :backtalk, hvor tit skal jeg have massage?")
        lines = try reply(from: alice, to: "#backpain")
        #expect(lines.first?.hasPrefix("alice: " + (try expectedStart(of: "hvor tit skal jeg have massage?"))) == true)
        #expect(lines.last?.hasPrefix("Du kan også spørge:") == true)

        // In private, with a conversation: "and how often?" is read in the context of sports massage.
        try alice.send("PRIVMSG backtalk :what is sports massage?")
        lines = try reply(from: alice, to: "alice")
        #expect(lines.first?.hasPrefix(try expectedStart(of: "what is sports massage?")) == true)
        try alice.send("PRIVMSG backtalk :and how often?")
        lines = try reply(from: alice, to: "alice")
        let inContext = try #require(
            EndToEndTests.knowledge.intent("faq.frequency")?.contextAnswers["technique.sports_massage"]?.english)
        #expect(lines.first?.hasPrefix(String(inContext.summary.prefix(40))) == true)
        try alice.send("PRIVMSG backtalk :hvad er triggerpunktsmassage?")
        lines = try reply(from: alice, to: "alice")
        #expect(lines.first?.hasPrefix(try expectedStart(of: "hvad er triggerpunktsmassage?")) == true)

        // The IRC server restarts: the bridge reconnects, joins again and answers.
        server.stop()
        try server.start()
        alice = try IRCTestClient(port: server.port, nick: "alice")
        try joinWithTheBridge(alice)
        try alice.send("PRIVMSG #backpain :backtalk: is massage safe for everyone?")
        lines = try reply(from: alice, to: "#backpain")
        #expect(lines.first?.hasPrefix("alice: " + (try expectedStart(of: "is massage safe for everyone?"))) == true)
        #expect(bridge.process.isRunning)
    }

    @Test func speaksTLSToTheServerWhenAsked() throws {
        let server = try IRCTestServer()
        let bridge = try RunningBridge([
            "--server", "localhost", "--port", "\(server.tlsPort)", "--tls", "--tls-ca-file", server.certificateFile,
        ])
        // The test client talks plain text on the other port of the same server.
        let bob = try IRCTestClient(port: server.port, nick: "bob")
        try joinWithTheBridge(bob)
        try bob.send("PRIVMSG backtalk :what is sports massage?")
        let lines = try reply(from: bob, to: "bob")
        #expect(lines.first?.hasPrefix(try expectedStart(of: "what is sports massage?")) == true, "\(bridge.log)")
        #expect(bridge.log.contains("irc.tls=true"))
    }

    @Test func saysSoWhileBacktalkdIsDownAndAnswersOnceItIsUp() throws {
        let server = try IRCTestServer()
        let socket = try temporaryDirectory() + "/backtalk.sock"
        let bridge = try RunningBridge(["--server", "127.0.0.1", "--port", "\(server.port)"], socket: socket)
        let carol = try IRCTestClient(port: server.port, nick: "carol")
        try joinWithTheBridge(carol)
        try carol.send("PRIVMSG backtalk :what is sports massage?")
        let apology = try carol.waitFor(timeout: 20) {
            $0.command == "PRIVMSG" && $0.senderNick == "backtalk" && $0.parameters.first == "carol"
        }
        #expect(apology?.parameters.last == "backtalk is not available right now; please try again in a minute.")
        let daemon = try TestDaemon(socket: socket)
        defer { daemon.stop() }
        try carol.send("PRIVMSG backtalk :what is sports massage?")
        let lines = try reply(from: carol, to: "carol")
        #expect(lines.first?.hasPrefix(try expectedStart(of: "what is sports massage?")) == true, "\(lines)\n\(bridge.log)")
    }
}
