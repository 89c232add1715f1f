import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A person on the test homeserver, through the client-server API as their own client would use it:
/// creates rooms, invites, sends messages, reads a room's history.
struct MatrixTestUser: Sendable {
    let userID: String
    private let token: String
    private let homeserver: String

    private static let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)

    init(_ name: String, on server: TestHomeserver) {
        userID = server.userID(name)
        token = server.tokens[name] ?? ""
        homeserver = server.url
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    /// Creates a room inviting `invite`: a direct chat (`is_direct`) when `direct`, encrypted when
    /// `encrypted`; returns its ID.
    func createRoom(invite: [String], direct: Bool = false, encrypted: Bool = false) async throws -> String {
        var body: [String: Any] = ["invite": invite, "preset": direct ? "trusted_private_chat" : "private_chat"]
        if direct { body["is_direct"] = true }
        if encrypted {
            body["initial_state"] = [
                ["type": "m.room.encryption", "state_key": "", "content": ["algorithm": "m.megolm.v1.aes-sha2"]]
            ]
        }
        return try await call(.POST, "/createRoom", body)["room_id"] as? String ?? ""
    }

    func join(_ room: String) async throws {
        _ = try await call(.POST, "/rooms/\(escaped(room))/join", [:])
    }

    /// Sends a text message; `mentions` go in `m.mentions`, as a client puts the users a message pills;
    /// in the thread that starts with `thread`, if given. Returns the event's ID.
    @discardableResult
    func say(_ text: String, in room: String, mentions: [String] = [], thread: String? = nil) async throws -> String {
        var content: [String: Any] = ["msgtype": "m.text", "body": text]
        if !mentions.isEmpty { content["m.mentions"] = ["user_ids": mentions] }
        if let thread { content["m.relates_to"] = ["rel_type": "m.thread", "event_id": thread] }
        let path = "/rooms/\(escaped(room))/send/m.room.message/\(UUID().uuidString)"
        return try await call(.PUT, path, content)["event_id"] as? String ?? ""
    }

    /// The membership (`join`, `invite`, `leave`…) of `user` in `room`, nil when it has none.
    func membership(of user: String, in room: String) async throws -> String? {
        let path = "/rooms/\(escaped(room))/state/m.room.member/\(escaped(user))"
        return try? await call(.GET, path)["membership"] as? String
    }

    /// Limits how fast `user` may send (the Synapse admin API; this user must be a server administrator),
    /// or with nil lifts that limit again.
    func limitMessages(of user: String, perSecond: Int?) async throws {
        let path = "/_synapse/admin/v1/users/\(escaped(user))/override_ratelimit"
        if let perSecond {
            _ = try await call(.POST, path, ["messages_per_second": perSecond, "burst_count": 1], api: "")
        } else {
            _ = try await call(.DELETE, path, api: "")
        }
    }

    /// The room's messages as the homeserver keeps them, oldest first.
    func history(of room: String) async throws -> [Message] {
        var messages: [Message] = []
        var from: String?
        repeat {
            var path = "/rooms/\(escaped(room))/messages?dir=f&limit=500"
            if let from { path += "&from=\(escaped(from))" }
            let page = try await call(.GET, path)
            let chunk = page["chunk"] as? [[String: Any]] ?? []
            messages += chunk.compactMap(Message.init)
            from = chunk.isEmpty ? nil : page["end"] as? String
        } while from != nil
        return messages
    }

    /// Waits until `room` holds `count` messages of `sender` (or up to `timeout` seconds) and returns them.
    func messages(from sender: String, in room: String, count: Int, timeout: Double = 60) async throws -> [Message] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let found = try await history(of: room).filter { $0.sender == sender }
            if found.count >= count || Date() > deadline { return found }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// A message event as read back from the homeserver.
    struct Message: Sendable, CustomStringConvertible {
        var eventID: String
        var sender: String
        var messageType: String
        var body: String
        var formattedBody: String?
        var inReplyTo: String?
        /// The thread it is in (the thread's first event).
        var thread: String?
        var mentions: [String]

        init?(_ event: [String: Any]) {
            guard event["type"] as? String == "m.room.message", let content = event["content"] as? [String: Any]
            else { return nil }
            eventID = event["event_id"] as? String ?? ""
            sender = event["sender"] as? String ?? ""
            messageType = content["msgtype"] as? String ?? ""
            body = content["body"] as? String ?? ""
            formattedBody = content["formatted_body"] as? String
            let relation = content["m.relates_to"] as? [String: Any]
            inReplyTo = (relation?["m.in_reply_to"] as? [String: Any])?["event_id"] as? String
            thread = relation?["rel_type"] as? String == "m.thread" ? relation?["event_id"] as? String : nil
            mentions = (content["m.mentions"] as? [String: Any])?["user_ids"] as? [String] ?? []
        }

        var description: String { "\(sender) [\(messageType)]: \(body)" }
    }

    private func call(
        _ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil, api: String = "/_matrix/client/v3"
    ) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: homeserver + api + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer " + token)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await Self.http.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        let object = (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any] ?? [:]
        guard response.status == .ok else {
            throw Refused(description: "\(method) \(path): \(response.status.code) \(object)")
        }
        return object
    }

    private func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
