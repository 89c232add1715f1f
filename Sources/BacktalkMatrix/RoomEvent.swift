/// One event of a room as the bot reads it: a message, a membership change, the room's encryption.
/// Fields the bot does not use are skipped; one it does not understand makes a field nil, not an error.
public struct RoomEvent: Decodable, Sendable, Equatable {
    public var type: String
    public var sender: String
    /// Absent from the stripped state of an invite.
    public var eventID: String?
    /// A state event's key: for `m.room.member`, whose membership it is.
    public var stateKey: String?
    public var content: Content

    /// The parts of an event's content the bot reads.
    public struct Content: Decodable, Sendable, Equatable {
        /// `m.text`, `m.notice`, `m.emote`… of a message.
        public var messageType: String?
        public var body: String?
        /// `invite`, `join`, `leave`… of a membership event.
        public var membership: String?
        /// The users a message mentions (`m.mentions.user_ids`).
        public var mentionedUsers: [String]
        /// The event a message replies to (`m.relates_to.m.in_reply_to`).
        public var repliesTo: String?
        /// `m.replace` for an edit of an earlier message, `m.thread`…
        public var relation: String?
        /// The event a relation points to: for `m.thread`, the thread's first event.
        public var relatedEvent: String?

        enum CodingKeys: String, CodingKey {
            case messageType = "msgtype", body, membership
            case mentions = "m.mentions", relatesTo = "m.relates_to"
        }

        private struct Mentions: Decodable { var user_ids: [String]? }
        private struct Relation: Decodable {
            var rel_type: String?
            var event_id: String?
            var inReplyTo: InReplyTo?
            struct InReplyTo: Decodable { var event_id: String? }
            enum CodingKeys: String, CodingKey { case rel_type, event_id, inReplyTo = "m.in_reply_to" }
        }

        public init(from decoder: any Decoder) throws {
            let content = try decoder.container(keyedBy: CodingKeys.self)
            messageType = try? content.decodeIfPresent(String.self, forKey: .messageType)
            body = try? content.decodeIfPresent(String.self, forKey: .body)
            membership = try? content.decodeIfPresent(String.self, forKey: .membership)
            mentionedUsers = (try? content.decodeIfPresent(Mentions.self, forKey: .mentions))??.user_ids ?? []
            let relation = (try? content.decodeIfPresent(Relation.self, forKey: .relatesTo)) ?? nil
            repliesTo = relation?.inReplyTo?.event_id
            self.relation = relation?.rel_type
            relatedEvent = relation?.event_id
        }

        public init(messageType: String? = nil, body: String? = nil, membership: String? = nil) {
            self.messageType = messageType
            self.body = body
            self.membership = membership
            mentionedUsers = []
        }
    }

    enum CodingKeys: String, CodingKey {
        case type, sender, content
        case eventID = "event_id", stateKey = "state_key"
    }

    public init(from decoder: any Decoder) throws {
        let event = try decoder.container(keyedBy: CodingKeys.self)
        type = try event.decode(String.self, forKey: .type)
        sender = try event.decodeIfPresent(String.self, forKey: .sender) ?? ""
        eventID = try? event.decodeIfPresent(String.self, forKey: .eventID)
        stateKey = try? event.decodeIfPresent(String.self, forKey: .stateKey)
        content = (try? event.decode(Content.self, forKey: .content)) ?? Content()
    }

    public init(type: String, sender: String, eventID: String? = nil, stateKey: String? = nil, content: Content) {
        self.type = type
        self.sender = sender
        self.eventID = eventID
        self.stateKey = stateKey
        self.content = content
    }
}
