import AsyncHTTPClient
import BacktalkDaemonLink
import BacktalkProtocol
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The Matrix bot: follows its rooms with `/sync` and answers the messages meant for it by asking
/// backtalkd, one conversation per room and sender (`matrix:ROOM:SENDER`). A direct chat (two members)
/// gets an answer to every message; a group room to messages that mention the bot or start with its
/// prefix, as a reply to the question that mentions the asker. A question asked in a thread is answered
/// in that thread. Invitations are accepted from the allowed
/// inviters only; an encrypted room is told once that the bot cannot read it, and left.
///
/// The sync position is stored after each batch is answered; answers are sent with a transaction ID made
/// of the question's event ID, so a batch answered again after a crash posts nothing twice. Rooms of a
/// batch are answered side by side, the messages of a room in order. Failures that may pass (the homeserver
/// unreachable or failing, a rate limit) are tried again after a growing wait or the wait the homeserver
/// asks for; a backtalkd that cannot be reached gets the asker one apology line. No message text is logged.
public actor MatrixBridge: Service {
    private let configuration: MatrixBridgeConfiguration
    private let logger: Logger
    private let http: HTTPClient
    private let client: MatrixClient
    private let daemon: SharedDaemonLink
    private let position: SyncPosition
    private var userID = ""
    private var addressing = Addressing(botUserID: "")
    /// The member count of each room, as last asked; forgotten when a membership changes.
    private var memberCounts: [String: Int] = [:]
    /// What a sync asks for (an inline filter): a room's timeline up to the configured limit, and none of
    /// the presence, typing, receipts and account data the bot does not read.
    private let syncFilter: String
    /// Set when the homeserver refused the access token: nothing works until it is replaced.
    private var refusedToken: MatrixRequestError?

    /// What the bot says where backtalkd could not be asked.
    static let apology =
        "backtalk is not available right now; please try again in a minute. "
        + "(backtalk svarer ikke lige nu; prøv igen om et minut.)"
    /// What the bot says in an encrypted room before it leaves.
    static let encryptedRoomNotice = """
        This room is end-to-end encrypted, and backtalk cannot read encrypted messages, so it is leaving. \
        Invite it to a room without encryption (for a direct chat, turn encryption off when you create it).
        Rummet er krypteret, og backtalk kan ikke læse krypterede beskeder, så den forlader det. Inviter den \
        til et rum uden kryptering (slå kryptering fra, når du opretter en direkte samtale).
        """

    public init(configuration: MatrixBridgeConfiguration, logger: Logger) async throws {
        self.configuration = configuration
        self.logger = logger
        http = HTTPClient(
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            configuration: .init(timeout: .init(connect: .seconds(10))))
        client = MatrixClient(homeserver: configuration.homeserver, accessToken: configuration.accessToken, http: http)
        daemon = try await SharedDaemonLink(
            loop: MultiThreadedEventLoopGroup.singleton.next(), socketPath: configuration.daemonSocket,
            idPrefix: "matrix")
        position = SyncPosition(directory: configuration.stateDirectory)
        syncFilter = """
            {"room":{"timeline":{"limit":\(configuration.timelineLimit)},"ephemeral":{"not_types":["*"]},\
            "account_data":{"not_types":["*"]}},"presence":{"not_types":["*"]},"account_data":{"not_types":["*"]}}
            """
    }

    /// Syncs and answers until the graceful shutdown; a batch being answered is finished first.
    /// - Throws: ``MatrixBridgeError`` when the homeserver refuses the access token.
    public func run() async throws {
        do {
            try await serve()
        } catch let error as MatrixRequestError where error.isBadToken {
            await close()
            throw MatrixBridgeError.refusedToken(error)
        } catch {
            await close()
            throw error
        }
        await close()
    }

    private func close() async {
        await daemon.close()
        try? await http.shutdown()
    }

    private func serve() async throws {
        userID = try await retrying("checking the access token") { () async throws(MatrixRequestError) in
            try await client.whoAmI()
        }
        let displayName = (try? await client.displayName(of: userID)) ?? nil
        addressing = Addressing(botUserID: userID, displayName: displayName, prefix: configuration.prefix)
        logger.info(
            "logged in",
            metadata: ["matrix.user": "\(userID)", "matrix.homeserver": "\(configuration.homeserver)"])
        var since = position.load(for: userID)
        if since == nil {
            logger.info("no stored sync position: earlier messages in the rooms the bot is already in are not answered")
        }
        while !Task.isShuttingDownGracefully {
            let batch: SyncBatch
            do {
                let from = since
                batch = try await cancelWhenGracefulShutdown { try await self.nextBatch(since: from) }
            } catch let error as MatrixRequestError where error.refusesRequest && since != nil {
                logger.error(
                    "the homeserver refused the stored sync position (\(error)); starting afresh: messages sent meanwhile are not answered")
                since = nil
                continue
            } catch {
                if let refusedToken { throw MatrixBridgeError.refusedToken(refusedToken) }
                if Task.isShuttingDownGracefully || error is CancellationError { break }
                throw error
            }
            let answered = await handle(batch, since: since)
            if let refusedToken { throw MatrixBridgeError.refusedToken(refusedToken) }
            guard answered else { break }  // only when shutting down: the batch is answered again at the next start
            since = batch.nextBatch
            do {
                try position.save(batch.nextBatch, for: userID)
            } catch {
                logger.error(
                    "cannot store the sync position in \(position.file.path) (\(error)); after a restart this batch would be answered again: make the folder writable by the bot")
            }
        }
    }

    /// The next batch of events; the first sync (no position) returns at once.
    private func nextBatch(since: String?) async throws -> SyncBatch {
        let filter = syncFilter
        let timeout = since == nil ? Duration.zero : configuration.syncTimeout
        return try await retrying("syncing") { () async throws(MatrixRequestError) in
            try await client.sync(since: since, timeout: timeout, filter: filter)
        }
    }

    /// Answers the invitations and the rooms' new messages of `batch`; false when it gave up on something
    /// (only when shutting down) and the batch must be answered again.
    private func handle(_ batch: SyncBatch, since: String?) async -> Bool {
        var complete = true
        for (room, state) in batch.invites.sorted(by: { $0.key < $1.key }) {
            complete = await answerInvitation(to: room, state: state) && complete
        }
        await withTaskGroup(of: Bool.self) { group in
            for (room, timeline) in batch.joined {
                group.addTask { await self.handle(timeline, of: room, since: since) }
            }
            for await answered in group { complete = answered && complete }
        }
        return complete
    }

    private func answerInvitation(to room: String, state: [RoomEvent]) async -> Bool {
        let invitation = state.last {
            $0.type == "m.room.member" && $0.stateKey == userID && $0.content.membership == "invite"
        }
        let inviter = invitation?.sender ?? "unknown"
        guard configuration.inviters.allows(inviter) else {
            logger.notice(
                "refused an invitation: the inviter is not allowed (add them with --allow to accept)",
                metadata: ["matrix.room": "\(room)", "matrix.inviter": "\(inviter)"])
            return await attempt("rejecting an invitation") { () async throws(MatrixRequestError) in
                try await client.leave(room)
            }
        }
        do {
            try await retrying("joining a room") { () async throws(MatrixRequestError) in try await client.join(room) }
        } catch let error as MatrixRequestError where !error.isTransient && !error.isBadToken {
            logger.warning("cannot join a room it was invited to: \(error)", metadata: ["matrix.room": "\(room)"])
            return true
        } catch {
            return false
        }
        logger.info("joined a room", metadata: ["matrix.room": "\(room)", "matrix.inviter": "\(inviter)"])
        if state.contains(where: { $0.type == "m.room.encryption" }) { return await leaveEncrypted(room) }
        return true
    }

    private func handle(_ room: SyncBatch.JoinedRoom, of roomID: String, since: String?) async -> Bool {
        var events = room.timeline
        if room.limited, let since, let from = room.previousBatch {
            events = await missedEvents(in: roomID, from: from, to: since) + events
        }
        let changes = room.state + events
        if changes.contains(where: { $0.type == "m.room.member" }) { memberCounts[roomID] = nil }
        if changes.contains(where: { $0.type == "m.room.encryption" }) { return await leaveEncrypted(roomID) }
        guard since != nil else { return true }  // the first sync: earlier messages are not answered
        // In a room just joined, what came before the bot's invitation was not for it.
        let start = events.firstIndex { $0.type == "m.room.member" && $0.stateKey == userID }.map { $0 + 1 } ?? 0
        for event in events[start...] {
            guard let question = await question(in: event, room: roomID) else { continue }
            guard await answer(question.text, to: event, in: roomID, isDirect: question.isDirect) else { return false }
        }
        return true
    }

    /// The events of a gap the sync left out (`limited`), oldest first; what could not be fetched is logged.
    private func missedEvents(in room: String, from: String, to: String) async -> [RoomEvent] {
        var events: [RoomEvent] = []
        var page: String? = from
        while let from = page, events.count < 10_000 {
            do {
                let (chunk, end) = try await retrying("fetching missed messages") {
                    () async throws(MatrixRequestError) in
                    try await client.messages(in: room, from: from, to: to, limit: 100)
                }
                events += chunk
                page = end
            } catch {
                logger.warning(
                    "cannot fetch the messages a sync left out (\(error)); some may go unanswered",
                    metadata: ["matrix.room": "\(room)"])
                break
            }
        }
        logger.info(
            "fetched the messages a sync left out", metadata: ["matrix.room": "\(room)", "matrix.events": "\(events.count)"])
        return events.reversed()
    }

    /// The question `event` asks the bot, and whether it came in a direct chat; nil when it is not a text
    /// message for the bot (the bot's own, a notice, an edit, a message in a group room for others).
    private func question(in event: RoomEvent, room: String) async -> (text: String, isDirect: Bool)? {
        guard event.type == "m.room.message", event.sender != userID, event.eventID != nil,
            event.content.messageType == "m.text", event.content.relation != "m.replace",
            let body = event.content.body
        else { return nil }
        let isDirect = await isDirectChat(room)
        let text = event.content.repliesTo == nil ? body : Self.withoutQuotedReply(body)
        let mentionsBot = event.content.mentionedUsers.contains(userID)
        guard let question = addressing.question(in: text, mentionsBot: mentionsBot, isDirectChat: isDirect) else {
            return nil
        }
        return (question, isDirect)
    }

    /// Whether `room` has two members, the bot and one other; a room whose members cannot be counted is
    /// taken for a group room (answered only when addressed).
    private func isDirectChat(_ room: String) async -> Bool {
        if let count = memberCounts[room] { return count <= 2 }
        guard
            let count = try? await retrying("counting a room's members", { () async throws(MatrixRequestError) in
                try await client.joinedMemberCount(of: room)
            })
        else { return false }
        memberCounts[room] = count
        return count <= 2
    }

    /// Asks backtalkd and sends its answer (or the apology); false when it gave up (shutting down).
    private func answer(_ question: String, to event: RoomEvent, in room: String, isDirect: Bool) async -> Bool {
        guard let eventID = event.eventID else { return true }
        var notice: MatrixNotice
        do {
            notice = MatrixNotice(reply: try await daemon.ask(question, session: Self.session(room: room, sender: event.sender)))
        } catch {
            logger.warning(
                "\(DaemonLink.explanation(of: error, socketPath: daemon.socketPath))",
                metadata: ["socket.path": "\(daemon.socketPath)"])
            notice = MatrixNotice(text: Self.apology)
        }
        if !isDirect {
            notice.inReplyTo = eventID
            notice.mentions = [event.sender]
        }
        if event.content.relation == "m.thread" { notice.thread = event.content.relatedEvent }
        return await attempt("sending an answer") { () async throws(MatrixRequestError) in
            try await client.send(notice, to: room, transactionID: "answer." + eventID)
        }
    }

    /// Says once that the bot cannot read an encrypted room, and leaves it.
    private func leaveEncrypted(_ room: String) async -> Bool {
        logger.notice("leaving an encrypted room: the bot reads no encrypted messages", metadata: ["matrix.room": "\(room)"])
        let said = await attempt("saying why the bot leaves") { () async throws(MatrixRequestError) in
            try await client.send(MatrixNotice(text: Self.encryptedRoomNotice), to: room, transactionID: "encrypted." + room)
        }
        guard said else { return false }
        return await attempt("leaving an encrypted room") { () async throws(MatrixRequestError) in
            try await client.leave(room)
        }
    }

    /// Runs `operation` with ``retrying(_:_:)``; true when it succeeded or failed for good (logged),
    /// false when it gave up because the bot is shutting down.
    private func attempt(_ what: String, _ operation: () async throws(MatrixRequestError) -> Void) async -> Bool {
        do {
            try await retrying(what, operation)
            return true
        } catch let error as MatrixRequestError where !error.isTransient && !error.isBadToken {
            logger.warning("\(what) failed: \(error)")
            return true
        } catch {
            return false
        }
    }

    /// Runs `operation` until it succeeds, waiting between tries while its failure may pass: the wait the
    /// homeserver asked for, else one second doubling up to the maximum. Throws any other failure, the
    /// last failure once the bot is shutting down, and `CancellationError` when a wait is cut short by the
    /// graceful shutdown.
    private func retrying<Value>(
        _ what: String, _ operation: () async throws(MatrixRequestError) -> Value
    ) async throws -> Value {
        var backoff = Backoff(maximum: configuration.maximumBackoff)
        var failures = 0
        while true {
            do {
                let value = try await operation()
                if failures > 0 { logger.info("\(what): the homeserver answers again after \(failures) failed tries") }
                return value
            } catch {
                if error.isBadToken { refusedToken = error }
                guard error.isTransient, !Task.isShuttingDownGracefully else { throw error }
                failures += 1
                let wait = error.retryAfter ?? backoff.next()
                if failures & (failures - 1) == 0 {  // the 1st, 2nd, 4th, 8th… failure in a row
                    logger.warning(
                        "\(what): \(error); trying again in \(wait)", metadata: ["matrix.failures": "\(failures)"])
                }
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
            }
        }
    }

    /// The conversation of `sender` in `room`: `matrix:ROOM:SENDER`, or a digest of the two where that
    /// is longer than a session name may be.
    static func session(room: String, sender: String) -> String {
        let name = "matrix:\(room):\(sender)"
        guard name.utf8.count > RequestDecoder.maximumSessionBytes else { return name }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return "matrix:" + String(hash, radix: 16)
    }

    /// A reply's body without the quoted question some clients put in front ("> <@alice:…> …" lines and
    /// the blank line after them).
    static func withoutQuotedReply(_ body: String) -> String {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let rest = lines.drop { $0.hasPrefix(">") }.drop { $0.isEmpty }
        return rest.joined(separator: "\n")
    }
}
