import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The calls of the Matrix client-server API (v3) the bot makes, as one access token's user, over
/// AsyncHTTPClient. Each call is tried once: ``MatrixRequestError`` says whether trying again can help.
public struct MatrixClient: Sendable {
    private let http: HTTPClient
    private let homeserver: String
    private let authorization: String

    /// A client of `homeserver` (`https://matrix.example.org`) with `accessToken`, over `http`.
    public init(homeserver: String, accessToken: String, http: HTTPClient) {
        self.homeserver = homeserver.hasSuffix("/") ? String(homeserver.dropLast()) : homeserver
        authorization = "Bearer " + accessToken
        self.http = http
    }

    /// The user ID the access token belongs to.
    public func whoAmI() async throws(MatrixRequestError) -> String {
        struct WhoAmI: Decodable { var user_id: String }
        return try await call(.GET, "/account/whoami", as: WhoAmI.self).user_id
    }

    /// The display name of `userID`, nil when it has none.
    public func displayName(of userID: String) async throws(MatrixRequestError) -> String? {
        struct Profile: Decodable { var displayname: String? }
        return try await call(.GET, "/profile/\(Self.escaped(userID))/displayname", as: Profile.self).displayname
    }

    /// The events since `since` (everything, for nil), waiting up to `timeout` for one to come.
    /// `filter` is the inline filter JSON.
    public func sync(since: String?, timeout: Duration, filter: String) async throws(MatrixRequestError) -> SyncBatch {
        var query = [("timeout", String(timeout.components.seconds * 1000)), ("filter", filter)]
        if let since { query.append(("since", since)) }
        return try await call(.GET, "/sync", query: query, as: SyncBatch.self, wait: timeout)
    }

    /// Joins `room` (accepts its invite).
    public func join(_ room: String) async throws(MatrixRequestError) {
        _ = try await call(.POST, "/rooms/\(Self.escaped(room))/join", body: Data("{}".utf8), as: Ignored.self)
    }

    /// Leaves `room`, or rejects its invite.
    public func leave(_ room: String) async throws(MatrixRequestError) {
        _ = try await call(.POST, "/rooms/\(Self.escaped(room))/leave", body: Data("{}".utf8), as: Ignored.self)
    }

    /// Sends `notice` to `room`. The homeserver keeps one event per `transactionID`: sending again with
    /// the same ID (after a lost answer or a restart) does not post it twice.
    public func send(_ notice: MatrixNotice, to room: String, transactionID: String) async throws(MatrixRequestError) {
        let body: Data
        do { body = try JSONEncoder().encode(notice) } catch { throw .unreadable("cannot encode the notice: \(error)") }
        let path = "/rooms/\(Self.escaped(room))/send/m.room.message/\(Self.escaped(transactionID))"
        _ = try await call(.PUT, path, body: body, as: Ignored.self)
    }

    /// How many users are in `room`.
    public func joinedMemberCount(of room: String) async throws(MatrixRequestError) -> Int {
        struct Members: Decodable { var joined: [String: Ignored] }
        return try await call(.GET, "/rooms/\(Self.escaped(room))/joined_members", as: Members.self).joined.count
    }

    /// The events of `room` between `from` (a timeline's `prev_batch`) and `to` (the position of the previous
    /// sync), newest first, at most `limit` of them, and where to continue paging (nil at `to`).
    public func messages(
        in room: String, from: String, to: String, limit: Int
    ) async throws(MatrixRequestError) -> (events: [RoomEvent], end: String?) {
        struct Page: Decodable { var chunk: [RoomEvent]; var end: String? }
        let page = try await call(
            .GET, "/rooms/\(Self.escaped(room))/messages",
            query: [("dir", "b"), ("from", from), ("to", to), ("limit", String(limit))], as: Page.self)
        return (page.chunk, page.chunk.isEmpty ? nil : page.end)
    }

    /// Any JSON: for calls whose answer the bot does not read.
    private struct Ignored: Decodable {}

    private func call<Response: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: Data? = nil,
        as: Response.Type, wait: Duration = .zero
    ) async throws(MatrixRequestError) -> Response {
        var url = homeserver + "/_matrix/client/v3" + path
        if !query.isEmpty { url += "?" + query.map { "\($0)=\(Self.escaped($1))" }.joined(separator: "&") }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: authorization)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let status: Int
        let bytes: ByteBuffer
        do {
            let response = try await http.execute(request, timeout: TimeAmount(wait) + .seconds(30))
            status = Int(response.status.code)
            bytes = try await response.body.collect(upTo: 64 << 20)
        } catch {
            throw .unreachable("\(error)")
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(status) else { throw Self.refusal(status: status, body: data) }
        do {
            return try JSONDecoder().decode(Response.self, from: data)
        } catch {
            throw .unreadable("\(method) \(path): \(error)")
        }
    }

    /// The error an error answer (`{"errcode", "error", "retry_after_ms"}`) stands for.
    private static func refusal(status: Int, body: Data) -> MatrixRequestError {
        struct ErrorBody: Decodable { var errcode: String?; var error: String?; var retry_after_ms: Int? }
        let answer = try? JSONDecoder().decode(ErrorBody.self, from: body)
        return .refused(
            status: status, code: answer?.errcode ?? "HTTP \(status)", message: answer?.error ?? "no explanation",
            retryAfter: answer?.retry_after_ms.map { .milliseconds($0) })
    }

    /// `text` percent-encoded for a URL's path segment or query value: only unreserved characters stay.
    static func escaped(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }
}
