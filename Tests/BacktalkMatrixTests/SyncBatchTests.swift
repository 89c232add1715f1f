import BacktalkMatrix
import Foundation
import Testing

/// A `/sync` response as Synapse sends it, read into what the bot uses.
@Suite struct SyncBatchTests {
    private let json = #"""
        {"next_batch":"s72_1","account_data":{"events":[]},"presence":{"events":[]},
         "rooms":{
          "invite":{"!new:clinic.dk":{"invite_state":{"events":[
            {"type":"m.room.encryption","state_key":"","sender":"@alice:clinic.dk","content":{"algorithm":"m.megolm.v1.aes-sha2"}},
            {"type":"m.room.member","state_key":"@backtalk:clinic.dk","sender":"@alice:clinic.dk","content":{"membership":"invite","is_direct":true}}]}}},
          "join":{"!room:clinic.dk":{
            "timeline":{"limited":true,"prev_batch":"t5_1","events":[
              {"type":"m.room.message","event_id":"$1","sender":"@bob:clinic.dk","origin_server_ts":1,
               "content":{"msgtype":"m.text","body":"> <@backtalk:clinic.dk> Once a week.\n\nand how often?",
                          "m.mentions":{"user_ids":["@backtalk:clinic.dk"]},
                          "m.relates_to":{"m.in_reply_to":{"event_id":"$0"}}}},
              {"type":"m.room.message","event_id":"$2","sender":"@bob:clinic.dk","content":{"msgtype":"m.text","body":"* fixed",
               "m.new_content":{"msgtype":"m.text","body":"fixed"},"m.relates_to":{"rel_type":"m.replace","event_id":"$1"}}},
              {"type":"m.room.message","event_id":"$3","sender":"@bob:clinic.dk","content":{"msgtype":"m.text","body":42}},
              {"type":"m.reaction","event_id":"$4","sender":"@bob:clinic.dk","content":{"m.relates_to":"not an object"}}]},
            "state":{"events":[]},"ephemeral":{"events":[]},"unread_notifications":{}}},
          "leave":{}}}
        """#

    @Test func readsInvitationsAndTimelinesAndSkipsTheRest() throws {
        let batch = try JSONDecoder().decode(SyncBatch.self, from: Data(json.utf8))
        #expect(batch.nextBatch == "s72_1")
        let invitation = try #require(batch.invites["!new:clinic.dk"])
        #expect(invitation.map(\.type) == ["m.room.encryption", "m.room.member"])
        #expect(invitation[1].content.membership == "invite" && invitation[1].stateKey == "@backtalk:clinic.dk")
        #expect(invitation[1].eventID == nil, "stripped state has no event IDs")
        let room = try #require(batch.joined["!room:clinic.dk"])
        #expect(room.limited && room.previousBatch == "t5_1")
        #expect(room.timeline.map(\.eventID) == ["$1", "$2", "$3", "$4"])
    }

    @Test func readsMentionsRepliesAndEditsAndToleratesOddContent() throws {
        let timeline = try #require(try JSONDecoder().decode(SyncBatch.self, from: Data(json.utf8)).joined["!room:clinic.dk"]).timeline
        #expect(timeline[0].content.mentionedUsers == ["@backtalk:clinic.dk"])
        #expect(timeline[0].content.repliesTo == "$0" && timeline[0].content.relation == nil)
        #expect(timeline[1].content.relation == "m.replace")
        #expect(timeline[2].content.body == nil && timeline[2].content.messageType == "m.text", "a body that is not text is none")
        #expect(timeline[3].type == "m.reaction" && timeline[3].content.repliesTo == nil)
    }

    @Test func aResponseWithoutRoomsIsAnEmptyBatch() throws {
        let batch = try JSONDecoder().decode(SyncBatch.self, from: Data(#"{"next_batch":"s1"}"#.utf8))
        #expect(batch.invites.isEmpty && batch.joined.isEmpty)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SyncBatch.self, from: Data("{}".utf8)) }
    }
}
