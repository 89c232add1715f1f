import BacktalkClient
import BacktalkMatrix
import BacktalkProtocol
import BacktalkTesting
import Foundation
import Testing

/// The real `backtalk-matrix` between a real Synapse homeserver and the real daemon with the shipped
/// knowledge base. Run by `make test-matrix`, which makes the homeserver's virtual environment and names it
/// in `BACKTALK_MATRIX_VENV`; without it (plain `make test`) the suite is skipped.
@Suite(.serialized, .enabled(if: TestHomeserver.venv != nil, "make test-matrix runs it, with Synapse"))
struct MatrixBridgeEndToEndTests {
    /// The homeserver, the daemon and the bot, started once for the suite.
    final class World: Sendable {
        let homeserver: TestHomeserver
        let daemon: TestDaemon
        let bot: RunningMatrixBot
        let botID: String

        init() throws {
            homeserver = try TestHomeserver(
                users: ["backtalk", "backtalk2", "admin", "alice", "bob", "carol", "dave", "erin", "mallory"])
            daemon = try TestDaemon()
            ChildProcesses.killAtExit(daemon.process.processIdentifier)
            botID = homeserver.userID("backtalk")
            let allowed = ["alice", "bob", "carol", "dave", "erin"].map(homeserver.userID)
            bot = try RunningMatrixBot(
                homeserver: homeserver, token: homeserver.tokens["backtalk"] ?? "", socket: daemon.socket, allow: allowed)
        }

        func user(_ name: String) -> MatrixTestUser { MatrixTestUser(name, on: homeserver) }
    }

    static let world = Result { try World() }

    /// What the bot should say to `questions` asked in this order in one conversation: the notice of the
    /// daemon's own replies, asked directly in a conversation of their own.
    private func expectedAnswers(to questions: [String], world: World) throws -> [String] {
        let client = try DaemonClient(socket: world.daemon.socket)
        let session = "expected-" + UUID().uuidString
        return try questions.map { MatrixNotice(reply: try Reply(line: try client.ask($0, session: session))).body }
    }

    /// Creates a room of `owner` with the bot (and `others`, who join), and waits until the bot is in it.
    private func room(
        of owner: MatrixTestUser, with others: [MatrixTestUser] = [], direct: Bool, world: World, bot: String? = nil
    ) async throws -> String {
        let bot = bot ?? world.botID
        let room = try await owner.createRoom(invite: [bot] + others.map(\.userID), direct: direct)
        for other in others { try await other.join(room) }
        let deadline = Date().addingTimeInterval(60)
        while try await owner.membership(of: bot, in: room) != "join" {
            guard Date() < deadline else { throw MatrixTestUser.Refused(description: "the bot did not join\n\(world.bot.log)") }
            try await Task.sleep(for: .milliseconds(100))
        }
        return room
    }

    /// Prints `room`'s messages as the homeserver keeps them, numbered, with what each answer replies to.
    private func printTranscript(of room: String, title: String, reader: MatrixTestUser) async throws {
        let messages = try await reader.history(of: room)
        let number = Dictionary(messages.enumerated().map { ($1.eventID, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        let lines = messages.enumerated().map { index, message in
            var head = "  #\(index + 1) \(message.sender) [\(message.messageType)"
            if let question = message.inReplyTo { head += ", a reply to #\(number[question] ?? 0)" }
            if let thread = message.thread { head += ", in the thread of #\(number[thread] ?? 0)" }
            return head + "]: " + message.body.replacingOccurrences(of: "\n", with: "\n      ")
        }
        print("--- \(title), from the homeserver's history of \(room):\n" + lines.joined(separator: "\n"))
    }

    @Test func aDirectChatIsAnsweredWithFollowUpsAndInDanish() async throws {
        let world = try Self.world.get()
        let alice = world.user("alice")
        let room = try await room(of: alice, direct: true, world: world)
        let questions = ["how often should I get a massage?", "more", "2", "hvor tit skal jeg have massage?"]
        let expected = try expectedAnswers(to: questions, world: world)
        for (index, question) in questions.enumerated() {
            try await alice.say(question, in: room)
            let answers = try await alice.messages(from: world.botID, in: room, count: index + 1)
            try #require(answers.count == index + 1, "no answer to \"\(question)\"; the bot's log:\n\(world.bot.log)")
            #expect(answers[index].body == expected[index])
            #expect(answers[index].messageType == "m.notice" && answers[index].formattedBody != nil)
            #expect(answers[index].inReplyTo == nil, "a direct chat's answers reply to nothing")
        }
        let answers = try await alice.messages(from: world.botID, in: room, count: 4)
        #expect(answers[0].formattedBody?.contains("<ol><li>") == true, "the next questions are numbered")
        #expect(answers[1].formattedBody?.contains("<a href=\"https://") == true, "the rest comes with its sources as links")
        #expect(answers[3].body.contains("(Skriv \"mere\" for resten.)"))
        try await printTranscript(of: room, title: "a direct chat", reader: alice)
    }

    @Test func aGroupRoomGetsAnswersOnlyToWhatAddressesTheBot() async throws {
        let world = try Self.world.get()
        let (alice, bob) = (world.user("alice"), world.user("bob"))
        let room = try await room(of: alice, with: [bob], direct: false, world: world)
        try await alice.say("hello bob, my back hurts again", in: room)
        let first = try await bob.say("backtalk: how often should I get a massage?", in: room, mentions: [world.botID])
        let second = try await bob.say("!backtalk hvor tit skal jeg have massage?", in: room)
        let third = try await alice.say("Backtalk, is massage safe for everyone?", in: room)
        let inThread = try await alice.say(
            "backtalk what is sports massage?", in: room, mentions: [world.botID], thread: third)
        let answers = try await alice.messages(from: world.botID, in: room, count: 4)
        try #require(answers.count == 4, "the bot's log:\n\(world.bot.log)")
        let bobs = try expectedAnswers(
            to: ["how often should I get a massage?", "hvor tit skal jeg have massage?"], world: world)
        #expect(answers.map(\.inReplyTo) == [first, second, third, inThread], "each answer replies to its question")
        #expect(answers.map(\.mentions) == [[bob.userID], [bob.userID], [alice.userID], [alice.userID]])
        #expect(answers.map(\.thread) == [nil, nil, nil, third], "a question in a thread is answered in it")
        #expect(answers[0].body == bobs[0] && answers[1].body == bobs[1])
        let alices = try expectedAnswers(to: ["is massage safe for everyone?", "what is sports massage?"], world: world)
        #expect(answers[2].body == alices[0] && answers[3].body == alices[1])
        try await Task.sleep(for: .seconds(2))
        #expect(try await alice.history(of: room).filter { $0.sender == world.botID }.count == 4,
                "\"hello bob\" is not for the bot")
        try await printTranscript(of: room, title: "a group room", reader: alice)
    }

    @Test func aRedFlagIsAnsweredWholeUnderItsMark() async throws {
        let world = try Self.world.get()
        let carol = world.user("carol")
        let room = try await room(of: carol, direct: true, world: world)
        let question = "since yesterday I can't feel my groin and I can't control my bladder, what do I do"
        let expected = try expectedAnswers(to: [question], world: world)[0]
        try await carol.say(question, in: room)
        let answer = try #require(try await carol.messages(from: world.botID, in: room, count: 1).first)
        #expect(answer.body == expected)
        #expect(answer.body.hasPrefix("EMERGENCY: Get help now.") || answer.body.hasPrefix("URGENT: See a doctor today."))
        #expect(answer.formattedBody?.hasPrefix("<p><strong>") == true, "the mark comes first, marked")
        #expect(!answer.body.contains("(Type \"more\" for the rest.)"), "a safety answer comes whole")
    }

    @Test func aRestartOfTheBotAnswersNothingTwiceAndMissesNothing() async throws {
        let world = try Self.world.get()
        let dave = world.user("dave")
        let room = try await room(of: dave, direct: true, world: world)
        let questions = [
            "what is sports massage?", "and how often?", "hvad er triggerpunktsmassage?", "more",
            "is massage safe for everyone?",
        ]
        let expected = try expectedAnswers(to: questions, world: world)
        try await dave.say(questions[0], in: room)
        _ = try await dave.messages(from: world.botID, in: room, count: 1)
        // Stopped in the middle of the conversation; two questions come while it is away.
        world.bot.stop()
        try await dave.say(questions[1], in: room)
        try await dave.say(questions[2], in: room)
        try world.bot.start()
        _ = try await dave.messages(from: world.botID, in: room, count: 3)
        // Killed right after an answer, before or after it stored its position.
        try await dave.say(questions[3], in: room)
        _ = try await dave.messages(from: world.botID, in: room, count: 4)
        world.bot.stop(SIGKILL)
        try world.bot.start()
        try await dave.say(questions[4], in: room)
        _ = try await dave.messages(from: world.botID, in: room, count: 5)
        try await Task.sleep(for: .seconds(3))
        let answers = try await dave.history(of: room).filter { $0.sender == world.botID }
        #expect(answers.map(\.body) == expected, "each question answered once, in order; the log:\n\(world.bot.log)")
    }

    @Test func theBotSurvivesARestartOfTheHomeserver() async throws {
        let world = try Self.world.get()
        let erin = world.user("erin")
        let room = try await room(of: erin, direct: true, world: world)
        try await erin.say("what is sports massage?", in: room)
        _ = try await erin.messages(from: world.botID, in: room, count: 1)
        try world.homeserver.restart()
        try await erin.say("hvad er triggerpunktsmassage?", in: room)
        let answers = try await erin.messages(from: world.botID, in: room, count: 2, timeout: 120)
        #expect(answers.count == 2, "no answer after the homeserver restarted; the log:\n\(world.bot.log)")
        #expect(world.bot.isRunning)
        #expect(world.bot.log.contains("syncing: the homeserver") && world.bot.log.contains("trying again in"),
                "the bot noticed and tried again")
    }

    @Test func invitationsOfOthersAndEncryptedRoomsAreRefused() async throws {
        let world = try Self.world.get()
        let (mallory, alice) = (world.user("mallory"), world.user("alice"))
        let refused = try await mallory.createRoom(invite: [world.botID], direct: true)
        let encrypted = try await alice.createRoom(invite: [world.botID], direct: true, encrypted: true)
        let deadline = Date().addingTimeInterval(60)
        while true {
            let memberships = (
                try await mallory.membership(of: world.botID, in: refused),
                try await alice.membership(of: world.botID, in: encrypted)
            )
            if memberships == ("leave", "leave") { break }
            try #require(Date() < deadline, "the bot neither refused nor left; the log:\n\(world.bot.log)")
            try await Task.sleep(for: .milliseconds(100))
        }
        try await mallory.say("!backtalk how often should I get a massage?", in: refused)
        try await Task.sleep(for: .seconds(2))
        #expect(try await mallory.history(of: refused).allSatisfy { $0.sender == mallory.userID })
        let said = try await alice.history(of: encrypted).filter { $0.sender == world.botID }
        #expect(said.count == 1 && said[0].body.contains("cannot read encrypted messages"), "said once why it left")
        #expect(world.bot.log.contains("refused an invitation: the inviter is not allowed"))
        #expect(world.bot.log.contains("matrix.inviter=\(mallory.userID)"))
    }

    @Test func fiftyQuestionsFromFiveUsersAreAllAnsweredInOrderPerRoom() async throws {
        let world = try Self.world.get()
        let questions = [
            "how often should I get a massage?", "what is sports massage?", "is massage safe for everyone?",
            "hvor tit skal jeg have massage?", "hvad er triggerpunktsmassage?", "does massage help sciatica?",
            "should I use heat or cold?", "kan jeg træne med ondt i ryggen?", "how long does back pain last?",
            "hvornår skal jeg gå til lægen?",
        ]
        let users = ["alice", "bob", "carol", "dave", "erin"].map(world.user)
        var rooms: [String] = []
        for user in users { rooms.append(try await room(of: user, direct: true, world: world)) }
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, user) in users.enumerated() {
                let room = rooms[index]
                let asked = Array(questions[index...] + questions[..<index])
                group.addTask { for question in asked { try await user.say(question, in: room) } }
            }
            try await group.waitForAll()
        }
        for (index, user) in users.enumerated() {
            let asked = Array(questions[index...] + questions[..<index])
            let answers = try await user.messages(from: world.botID, in: rooms[index], count: asked.count, timeout: 120)
            #expect(answers.map(\.body) == (try expectedAnswers(to: asked, world: world)), "\(user.userID)'s room")
        }
        print(
            "50 questions from 5 users in 5 rooms answered in \(ContinuousClock.now - started); the bot's resident "
                + "memory after them: \(world.bot.residentMegabytes.map { String(format: "%.1f MB", $0) } ?? "unknown")")
    }

    @Test func aRateLimitOfTheHomeserverIsWaitedOut() async throws {
        let world = try Self.world.get()
        let (alice, admin) = (world.user("alice"), world.user("admin"))
        let room = try await room(of: alice, direct: true, world: world)
        let questions = [
            "what is sports massage?", "hvad er triggerpunktsmassage?", "is massage safe for everyone?",
            "does massage help sciatica?", "should I use heat or cold?",
        ]
        try await admin.limitMessages(of: world.botID, perSecond: 1)
        for question in questions { try await alice.say(question, in: room) }
        let answers = try await alice.messages(from: world.botID, in: room, count: questions.count)
        try await admin.limitMessages(of: world.botID, perSecond: nil)
        #expect(answers.map(\.body) == (try expectedAnswers(to: questions, world: world)))
        #expect(world.bot.log.contains("M_LIMIT_EXCEEDED"), "the homeserver did limit the bot")
    }

    @Test func aDaemonThatIsDownGetsAnApologyAndTheNextQuestionAnAnswer() async throws {
        let world = try Self.world.get()
        let alice = world.user("alice")
        let socket = try temporaryDirectory() + "/backtalk.sock"
        let bot = try RunningMatrixBot(
            homeserver: world.homeserver, token: world.homeserver.tokens["backtalk2"] ?? "", socket: socket,
            allow: [alice.userID])
        let secondBot = world.homeserver.userID("backtalk2")
        let room = try await room(of: alice, direct: true, world: world, bot: secondBot)
        try await alice.say("how often should I get a massage?", in: room)
        let apology = try await alice.messages(from: secondBot, in: room, count: 1)
        try #require(apology.count == 1, "no apology; the log:\n\(bot.log)")
        #expect(apology[0].body.hasPrefix("backtalk is not available right now"))
        #expect(bot.log.contains("backtalkd did not answer"), "the log says what went wrong")
        let daemon = try TestDaemon(socket: socket)
        defer { daemon.stop() }
        try await alice.say("what is sports massage?", in: room)
        let answers = try await alice.messages(from: secondBot, in: room, count: 2)
        #expect(answers.map(\.body).last == (try expectedAnswers(to: ["what is sports massage?"], world: world))[0], "\(answers)\n\(bot.log)")
    }

    @Test func aTokenTheHomeserverRefusesStopsTheBotWithStatus78() async throws {
        let world = try Self.world.get()
        let bot = try RunningMatrixBot(
            homeserver: world.homeserver, token: "syt_not_a_token", socket: world.daemon.socket, allow: [])
        #expect(try await bot.exitStatus(within: 30) == 78, "the log:\n\(bot.log)")
        #expect(bot.log.contains("M_UNKNOWN_TOKEN") && bot.log.contains("put the new token in the token file"))
        #expect(!bot.log.contains("syt_not_a_token"), "the token is not logged")
    }

    @Test func moreMessagesThanOneSyncHoldsWhileTheBotIsDownAreAllAnswered() async throws {
        let world = try Self.world.get()
        let erin = world.user("erin")
        let room = try await room(of: erin, direct: true, world: world)
        let topics = ["what is sports massage?", "hvad er triggerpunktsmassage?", "is massage safe for everyone?"]
        let questions = (0..<110).map { topics[$0 % topics.count] }  // a sync gives at most 100 events of a room
        world.bot.stop()
        for question in questions { try await erin.say(question, in: room) }
        try world.bot.start()
        let answers = try await erin.messages(from: world.botID, in: room, count: questions.count, timeout: 120)
        #expect(answers.map(\.body) == (try expectedAnswers(to: questions, world: world)), "\(answers.count) answers")
        #expect(world.bot.log.contains("fetched the messages a sync left out"), "the sync did leave some out")
    }
}
