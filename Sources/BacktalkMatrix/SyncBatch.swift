/// What the bot reads of a `/sync` response: the position to sync from next, the rooms it is invited to
/// and the new events of the rooms it is in. Everything else the homeserver sends is skipped.
public struct SyncBatch: Decodable, Sendable {
    /// Where the next `/sync` starts (`next_batch`).
    public var nextBatch: String
    /// Rooms the bot is invited to, by room ID: the stripped state the inviter's server shares.
    public var invites: [String: [RoomEvent]]
    /// Rooms the bot is in, by room ID.
    public var joined: [String: JoinedRoom]

    /// A joined room's part of the batch.
    public struct JoinedRoom: Decodable, Sendable {
        /// The room's new events in order.
        public var timeline: [RoomEvent]
        /// Whether events between the previous batch and `timeline` were left out (a gap to fetch).
        public var limited: Bool
        /// Where to page back from to fetch that gap.
        public var previousBatch: String?
        /// State the room gained that is not in `timeline`.
        public var state: [RoomEvent]

        public init(from decoder: any Decoder) throws {
            let room = try decoder.container(keyedBy: SyncKey.self)
            let timeline = try room.decodeIfPresent(EventList.self, forKey: .timeline)
            self.timeline = timeline?.events ?? []
            limited = timeline?.limited ?? false
            previousBatch = timeline?.previousBatch
            state = try room.decodeIfPresent(EventList.self, forKey: .state)?.events ?? []
        }
    }

    public init(from decoder: any Decoder) throws {
        let sync = try decoder.container(keyedBy: SyncKey.self)
        nextBatch = try sync.decode(String.self, forKey: .nextBatch)
        let rooms = try sync.decodeIfPresent(Rooms.self, forKey: .rooms)
        invites = rooms?.invite?.mapValues { $0.inviteState?.events ?? [] } ?? [:]
        joined = rooms?.join ?? [:]
    }

    private struct Rooms: Decodable {
        var invite: [String: InvitedRoom]?
        var join: [String: JoinedRoom]?
    }

    private struct InvitedRoom: Decodable {
        var inviteState: EventList?
        enum CodingKeys: String, CodingKey { case inviteState = "invite_state" }
    }

    private enum SyncKey: String, CodingKey {
        case nextBatch = "next_batch", rooms, timeline, state
    }
}

/// A list of events (`{"events": […]}`), with a timeline's gap marker and paging token.
struct EventList: Decodable {
    var events: [RoomEvent]
    var limited: Bool?
    var previousBatch: String?

    enum CodingKeys: String, CodingKey {
        case events, limited
        case previousBatch = "prev_batch"
    }

    init(from decoder: any Decoder) throws {
        let list = try decoder.container(keyedBy: CodingKeys.self)
        events = try list.decodeIfPresent([RoomEvent].self, forKey: .events) ?? []
        limited = try list.decodeIfPresent(Bool.self, forKey: .limited)
        previousBatch = try list.decodeIfPresent(String.self, forKey: .previousBatch)
    }
}
