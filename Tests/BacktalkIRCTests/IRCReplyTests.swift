import BacktalkIRC
import BacktalkProtocol
import Testing

@Suite struct IRCReplyTests {
    private func reply(_ json: String) throws -> Reply { try Reply(line: Array(json.utf8)) }

    @Test func anAnswerIsItsSummaryThenItsNextQuestionsOnOneNumberedLine() throws {
        let lines = IRCReply.lines(
            of: try reply(
                #"{"type":"answer","intent":"faq.frequency","lang":"en","summary":"Once a week to start.","detail":"A trial.","follow_ups":[{"intent":"a","question":"Is massage safe?"},{"intent":"b","question":"What does it cost?"}]}"#))
        #expect(lines.count == 2)
        #expect(lines[0] == "Once a week to start.\n(Type \"more\" for the rest.)")
        #expect(lines[1].hasSuffix("1) Is massage safe?  2) What does it cost? (reply with a number)"))
    }

    @Test func aDanishAnswerAsksForANumberInDanishAndAnErrorSaysSorry() throws {
        let danish = IRCReply.lines(
            of: try reply(
                #"{"type":"answer","intent":"faq.frequency","lang":"da","summary":"En gang om ugen.","detail":"Et forsøg.","follow_ups":[{"intent":"a","question":"Er massage sikkert?"}]}"#))
        #expect(danish.last?.hasSuffix("1) Er massage sikkert? (svar med et tal)") == true)
        let error = IRCReply.lines(of: try reply(#"{"type":"error","code":"empty_text","message":"the question is empty"}"#))
        #expect(error == ["sorry, that did not work: the question is empty"])
    }
}
