@testable import BacktalkIRC
import Testing

/// The parts of the IRC bridge that need no server: messages, line splitting, pacing, addressing.
@Suite struct IRCTextTests {
    @Test func parsesMessages() {
        let message = IRCMessage(line: ":alice!~a@127.0.0.1 PRIVMSG #backpain :backtalk: how often?")
        #expect(message == IRCMessage(prefix: "alice!~a@127.0.0.1", "PRIVMSG", ["#backpain", "backtalk: how often?"]))
        #expect(message?.senderNick == "alice")
        #expect(IRCMessage(line: "PING :irc.test") == IRCMessage("PING", ["irc.test"]))
        #expect(IRCMessage(line: ":irc.test 001 backtalk :Welcome")?.command == "001")
        #expect(IRCMessage(line: "") == nil && IRCMessage(line: ":only-prefix") == nil)
        #expect(IRCMessage("PRIVMSG", ["#a", "two words"]).line == "PRIVMSG #a :two words")
    }

    @Test func splitsLongTextBetweenWordsWithinTheLimit() {
        let text = String(repeating: "lænden gør ondt ", count: 60) + "\n\n" + String(repeating: "x", count: 130)
        let lines = IRCText.lines(text, limit: 50)
        #expect(lines.allSatisfy { $0.utf8.count <= 50 && !$0.isEmpty })
        #expect(lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
            == text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ").replacingOccurrences130())
        #expect(lines.suffix(3).map(\.utf8.count) == [50, 50, 30])
    }

    @Test func neverBreaksACharacterOrSendsControlCharacters() {
        let lines = IRCText.lines(String(repeating: "æ", count: 40) + "\u{7}\r", limit: 9)
        #expect(lines.allSatisfy { $0.utf8.count <= 9 && $0.allSatisfy { $0 == "æ" } })
        #expect(lines.map(\.count).reduce(0, +) == 40)
    }

    @Test func addressing() {
        #expect(IRCBridge.addressedText("backtalk: how often?", to: "backtalk") == "how often?")
        #expect(IRCBridge.addressedText("BackTalk,  hej", to: "backtalk") == "hej")
        #expect(IRCBridge.addressedText("backtalker: hi", to: "backtalk") == nil)
        #expect(IRCBridge.addressedText("hi backtalk: x", to: "backtalk") == nil)
    }

    @Test func pacingLetsABurstGoThenOneLinePerInterval() {
        var pacer = OutputPacer(burst: 3, interval: .seconds(1))
        let start = ContinuousClock.now
        var sentAt: [Duration] = []
        var now = start
        for _ in 0..<6 {
            now = now + pacer.delay(at: now)
            pacer.take(at: now)
            sentAt.append(now - start)
        }
        #expect(sentAt == [.zero, .zero, .zero, .seconds(1), .seconds(2), .seconds(3)])
        // After a quiet spell the burst is available again.
        now = now + .seconds(10)
        #expect(pacer.delay(at: now) == .zero)
    }
}

extension String {
    /// The text with the 130-character word cut as the splitter cuts it at 50 bytes.
    fileprivate func replacingOccurrences130() -> String {
        replacing(String(repeating: "x", count: 130), with: [50, 50, 30].map { String(repeating: "x", count: $0) }.joined(separator: " "))
    }
}
