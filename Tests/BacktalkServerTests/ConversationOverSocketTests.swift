import BacktalkClient
import BacktalkProtocol
import BacktalkServer
import BacktalkTesting
import Foundation
import Testing

/// Scripted conversations with the real daemon and the shipped knowledge base, through the socket:
/// follow-ups by number and by "tell me more", elliptical questions read in context, language switches
/// and clarification rounds, in English and Danish; and the session memory staying bounded.
@Suite(.serialized) struct ConversationOverSocketTests {
    /// One conversation over its own connection.
    struct Conversation {
        let connection: Connection
        let session: String
        private var turn = 0

        init(socket: String, session: String) throws {
            connection = try Connection(path: socket)
            self.session = session
        }

        /// Sends `text` as the next turn and returns the reply; throws when none comes or it answers
        /// another turn (so it can be called from a thread of its own, outside the test's task).
        mutating func say(_ text: String) throws -> [String: Any] {
            turn += 1
            let id = "\(session)-\(turn)"
            try connection.send(RequestLine.ask(text, id: id, session: session))
            guard let line = try connection.receiveLine() else { throw WrongReply("no reply to \(id)") }
            let reply = try jsonObject(line)
            guard reply["id"] as? String == id else { throw WrongReply("\(reply) does not answer \(id)") }
            return reply
        }

        struct WrongReply: Error, CustomStringConvertible {
            let description: String
            init(_ description: String) { self.description = description }
        }
    }

    /// An answer's whole text: its summary and the rest.
    private func wholeAnswer(_ reply: [String: Any]) -> String {
        reply["text"] as? String ?? ""
    }

    private func intents(_ reply: [String: Any], _ key: String) -> [String] {
        (reply[key] as? [[String: Any]] ?? []).compactMap { $0["intent"] as? String }
    }

    @Test func englishConversation() throws {
        var chat = try Conversation(socket: EndToEndTests.daemon.socket, session: "test:en:\(UUID())")
        let sports = try chat.say("what is sports massage?")
        #expect(sports["intent"] as? String == "technique.sports_massage" && sports["via"] as? String == "question")

        // An elliptical question, read in the context of sports massage, gets the specific answer.
        let often = try chat.say("and how often?")
        #expect(often["intent"] as? String == "faq.frequency" && often["via"] as? String == "context")
        #expect(often["context"] as? String == "technique.sports_massage")
        #expect(wholeAnswer(often).contains("sports massage"))
        // "and for …" asks the last question again about another technique.
        let trigger = try chat.say("and for trigger point massage?")
        #expect(trigger["intent"] as? String == "faq.frequency" && trigger["context"] as? String == "technique.trigger_point")
        // A full question is not read in context, even a short one.
        let fresh = try chat.say("what is trigger point massage?")
        #expect(fresh["intent"] as? String == "technique.trigger_point" && fresh["context"] == nil)
        let again = try chat.say("how often then?")
        #expect(again["intent"] as? String == "faq.frequency" && again["context"] as? String == "technique.trigger_point")

        // A follow-up by its number; "tell me more" gives the rest of that answer, and once more, the first
        // follow-up offered.
        let offered = intents(again, "follow_ups")
        try #require(offered.count >= 2)
        let second = try chat.say("2")
        #expect(second["intent"] as? String == offered[1] && second["via"] as? String == "follow_up")
        let rest = try chat.say("tell me more")
        #expect(rest["intent"] as? String == offered[1] && rest["via"] as? String == "more")
        #expect(rest["text"] as? String == second["detail"] as? String, "after \"more\", text is the rest alone")
        let firstOffered = try #require(intents(rest, "follow_ups").first)
        let more = try chat.say("tell me more")
        #expect(more["intent"] as? String == firstOffered && more["via"] as? String == "follow_up")

        // A clarification round: the reply asks which of two, "the second" picks it.
        let unsure = try chat.say("massage")
        #expect(unsure["type"] as? String == "clarify")
        let options = intents(unsure, "options")
        try #require(options.count == 2)
        let picked = try chat.say("the second")
        #expect(picked["type"] as? String == "answer" && picked["intent"] as? String == options[1])
        #expect(picked["via"] as? String == "clarification")

        // "in Danish please" says the same answer again in Danish and keeps Danish for what follows.
        let danish = try chat.say("in Danish please")
        #expect(danish["intent"] as? String == options[1] && danish["lang"] as? String == "da")
        #expect(danish["via"] as? String == "language_switch")
        let next = try chat.say("is massage safe during pregnancy?")
        #expect(next["lang"] as? String == "da")
    }

    @Test func danishConversation() throws {
        var chat = try Conversation(socket: EndToEndTests.daemon.socket, session: "test:da:\(UUID())")
        let trigger = try chat.say("hvad er triggerpunktsmassage?")
        #expect(trigger["intent"] as? String == "technique.trigger_point" && trigger["lang"] as? String == "da")

        let often = try chat.say("og hvor tit?")
        #expect(often["intent"] as? String == "faq.frequency" && often["via"] as? String == "context")
        #expect(often["context"] as? String == "technique.trigger_point" && often["lang"] as? String == "da")
        #expect(wholeAnswer(often).contains("triggerpunkt"))

        let rest = try chat.say("mere")
        #expect(rest["intent"] as? String == "faq.frequency" && rest["via"] as? String == "more")
        #expect(rest["context"] as? String == "technique.trigger_point")
        let firstOffered = try #require(intents(often, "follow_ups").first)
        let more = try chat.say("ja tak")
        #expect(more["intent"] as? String == firstOffered && more["via"] as? String == "follow_up")
        #expect(more["lang"] as? String == "da")
        let nextOffered = try #require(intents(more, "follow_ups").first)
        let byNumber = try chat.say("1")
        #expect(byNumber["intent"] as? String == nextOffered && byNumber["lang"] as? String == "da")

        // A clarification asked in Danish; "den første" picks the first option.
        let unsure = try chat.say("rygmassage")
        #expect(unsure["type"] as? String == "clarify" && unsure["lang"] as? String == "da")
        let options = intents(unsure, "options")
        try #require(options.count == 2)
        let picked = try chat.say("den første")
        #expect(picked["intent"] as? String == options[0] && picked["via"] as? String == "clarification")
        #expect(picked["lang"] as? String == "da")

        let english = try chat.say("på engelsk")
        #expect(english["intent"] as? String == options[0] && english["lang"] as? String == "en")
        #expect(english["via"] as? String == "language_switch")
    }

    /// A conversation belongs to the local user who opened it: another uid sending the same session string
    /// (here `nobody`, through `backtalk bridge` run with setpriv) gets a fresh conversation, and the owner's
    /// carries on undisturbed.
    @Test func anotherUserCannotContinueSomeonesSession() throws {
        let session = "chat:alice:\(UUID())"
        var alice = try Conversation(socket: EndToEndTests.daemon.socket, session: session)
        let alarm = try alice.say("I suddenly can't feel anything when I wipe and my back hurts")
        #expect(alarm["intent"] as? String == "safety.red_flags.emergency" && alarm["safety"] as? Bool == true)

        let relayed = #"{"session":"\#(session)","text":"tell me more"}"# + "\n"
        let nobody = try ClientRun(["bridge", "--socket", EndToEndTests.daemon.socket], input: relayed, runAs: 65534)
        #expect(nobody.status == 0, "\(nobody.errors)")
        let reply = try jsonObject(Array(nobody.output.split(separator: "\n").first.map { Array($0.utf8) } ?? []))
        #expect(reply["via"] as? String == "question", "a fresh conversation has nothing to continue: \(reply)")
        #expect(reply["safety"] == nil && reply["context"] == nil)
        let alarmSummary = try #require(alarm["summary"] as? String)
        let alarmText = try #require(alarm["text"] as? String)
        #expect(!nobody.output.contains(alarmSummary) && !nobody.output.contains(alarmText),
            "nothing of alice's answer reaches another user")

        // Alice's conversation is still hers: "tell me more" follows her last answer.
        let more = try alice.say("tell me more")
        #expect(more["via"] as? String == "follow_up" || more["via"] as? String == "more")
    }

    @Test func withoutASessionEveryQuestionStandsAlone() throws {
        let connection = try Connection(path: EndToEndTests.daemon.socket)
        try connection.send(RequestLine.ask("what is sports massage?", id: "a"))
        _ = try connection.receiveLine()
        try connection.send(RequestLine.ask("and how often?", id: "b"))
        let reply = try jsonObject(try #require(try connection.receiveLine()))
        #expect(reply["context"] == nil && reply["via"] == nil)
    }

    @Test func sessionsPastTheCapAreEvictedLeastRecentlyUsedFirst() async throws {
        let (beforeEviction, open, evicted, afterEviction) = try await InProcessDaemon.run(
            configure: { $0.maximumSessions = 3 }
        ) { socket in
            var first = try Conversation(socket: socket, session: "first")
            _ = try first.say("what is sports massage?")
            let beforeEviction = try first.say("and how often?")["via"] as? String
            for number in 1...3 {
                var other = try Conversation(socket: socket, session: "other\(number)")
                _ = try other.say("hello")
            }
            let connection = try Connection(path: socket)
            try connection.send(RequestLine.simple(.stats, id: "s"))
            let stats = try jsonObject(connection.receiveLine() ?? [])
            let sessions = stats["sessions"] as? [String: Int]
            // "first" was the least recently used: its context is gone, so "2" picks nothing.
            let afterEviction = try first.say("2")["via"] as? String
            return (beforeEviction, sessions?["open"], sessions?["evicted"], afterEviction)
        }
        #expect(beforeEviction == "context")
        #expect(open == 3 && evicted == 1)
        #expect(afterEviction == "question")
    }

    @Test func silentSessionsExpire() async throws {
        let (intent, context) = try await InProcessDaemon.run(configure: { $0.sessionTimeToLive = .seconds(1) }) {
            socket in
            var chat = try Conversation(socket: socket, session: "slow")
            _ = try chat.say("what is sports massage?")
            Thread.sleep(forTimeInterval: 1.5)
            let late = try chat.say("and how often?")
            return (late["intent"] as? String, late["context"] as? String)
        }
        #expect(intent == "faq.frequency" && context == nil)
    }
}
