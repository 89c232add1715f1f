import BacktalkMatrix
import BacktalkProtocol
import Foundation
import Testing

@Suite struct MatrixNoticeTests {
    private func reply(_ json: String) throws -> Reply { try Reply(line: Array(json.utf8)) }

    @Test func anAnswerIsANoticeWithItsSummaryFirstItsNextQuestionsNumberedAndNoSourcesYet() throws {
        let notice = MatrixNotice(
            reply: try reply(
                #"{"type":"answer","intent":"faq.frequency","lang":"en","summary":"Once a week <to start>.","detail":"A trial & more.","follow_ups":[{"intent":"a","question":"Is massage safe?"},{"intent":"b","question":"What does it cost?"}],"sources":[{"id":"s","title":"A trial","url":"https://example.org/t?a=1&b=2"}]}"#))
        let content = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(notice)) as? [String: Any])
        #expect(content["msgtype"] as? String == "m.notice" && content["format"] as? String == "org.matrix.custom.html")
        #expect(content["m.relates_to"] == nil, "a direct chat's answer replies to nothing")
        #expect(notice.formattedBody.hasPrefix("<p>Once a week &lt;to start&gt;.<br>(Type &quot;more&quot; for the rest.)</p>"))
        #expect(notice.formattedBody.contains("<ol><li>Is massage safe?</li><li>What does it cost?</li></ol>"))
        #expect(!notice.formattedBody.contains("A trial &amp; more."), "the rest comes with \"more\"")
        #expect(!notice.formattedBody.contains("<a href"), "sources come with the rest")
        #expect(notice.body.contains("1. Is massage safe?") && notice.body.contains("2. What does it cost?"))
    }

    @Test func theRestComesWithItsSourcesAsLinks() throws {
        let notice = MatrixNotice(
            reply: try reply(
                #"{"type":"answer","intent":"faq.frequency","via":"more","lang":"da","summary":"En gang om ugen.","detail":"Et forsøg.","sources":[{"id":"s","title":"Et forsøg","url":"https://example.org/t?a=1&b=2"},{"id":"u","title":"Uden adresse"}]}"#))
        #expect(notice.formattedBody.hasPrefix("<p>Et forsøg.</p>"))
        #expect(notice.formattedBody.contains(
            "<p>Kilder:</p><ul><li><a href=\"https://example.org/t?a=1&amp;b=2\">Et forsøg</a></li><li>Uden adresse</li></ul>"))
    }

    @Test func aSafetyAnswerIsWholeUnderItsMark() throws {
        let notice = MatrixNotice(
            reply: try reply(
                #"{"type":"answer","intent":"safety.red_flags.emergency","lang":"en","summary":"Call 112 now.","detail":"Numbness in the groin can be cauda equina.","safety":true,"urgency":"emergency","decided_by":"phrase"}"#))
        #expect(notice.formattedBody.hasPrefix("<p><strong>EMERGENCY: Get help now.</strong></p><p>Call 112 now.</p>"))
        #expect(notice.formattedBody.contains("<p>Numbness in the groin can be cauda equina.</p>"))
    }

    @Test func anErrorSaysWhatWentWrong() throws {
        let notice = MatrixNotice(reply: try reply(#"{"type":"error","code":"busy","message":"too many connections"}"#))
        #expect(notice.formattedBody == "<p>error (busy): too many connections</p>")
    }

    @Test func aGroupRoomAnswerRepliesToItsQuestionAndMentionsTheAsker() throws {
        var notice = MatrixNotice(text: "backtalk is not available right now.\nPlease try again.")
        notice.inReplyTo = "$question"
        notice.mentions = ["@alice:clinic.dk"]
        let content = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(notice)) as? [String: Any])
        #expect((content["m.relates_to"] as? [String: Any])?["m.in_reply_to"] as? [String: String] == ["event_id": "$question"])
        #expect((content["m.mentions"] as? [String: Any])?["user_ids"] as? [String] == ["@alice:clinic.dk"])
        #expect(notice.formattedBody == "<p>backtalk is not available right now.</p><p>Please try again.</p>")
    }

    @Test func anAnswerInAThreadStaysInTheThread() throws {
        var notice = MatrixNotice(text: "Once a week.")
        notice.thread = "$root"
        notice.inReplyTo = "$question"
        let content = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(notice)) as? [String: Any])
        let relation = try #require(content["m.relates_to"] as? [String: Any])
        #expect(relation["rel_type"] as? String == "m.thread" && relation["event_id"] as? String == "$root")
        #expect(relation["is_falling_back"] as? Bool == false)
        #expect((relation["m.in_reply_to"] as? [String: String]) == ["event_id": "$question"])
    }
}
