import BacktalkClient
import BacktalkProtocol
import Testing

/// How much of an answer each client shows: `ask` the whole, a chat the summary until "more".
@Suite struct ReplyFormatterTests {
    private func reply(_ fields: String) throws -> Reply {
        try Reply(line: Array(#"{"type":"answer","intent":"faq.frequency","lang":"en",\#(fields)}"#.utf8))
    }

    @Test func askShowsTheSummaryThenTheRest() throws {
        let answer = try reply(#""summary":"Once a week.","detail":"Trials used weekly sessions.","text":"Once a week.\n\nTrials used weekly sessions.""#)
        #expect(ReplyFormatter.body(of: answer, extent: .whole) == "Once a week.\n\nTrials used weekly sessions.")
        #expect(ReplyFormatter.singleLine(of: answer) == "Once a week. Trials used weekly sessions.")
    }

    @Test func aChatShowsTheSummaryAndOffersTheRest() throws {
        let answer = try reply(#""summary":"Once a week.","detail":"Trials used weekly sessions.","text":"Once a week.\n\nTrials used weekly sessions.""#)
        #expect(ReplyFormatter.body(of: answer, extent: .summaryFirst) == "Once a week.\n(Type \"more\" for the rest.)")
        let danish = try Reply(line: Array(#"{"type":"answer","lang":"da","summary":"En gang om ugen.","detail":"Forsøg.","text":"En gang om ugen.\n\nForsøg."}"#.utf8))
        #expect(ReplyFormatter.body(of: danish, extent: .summaryFirst) == "En gang om ugen.\n(Skriv \"mere\" for resten.)")
        let rest = try reply(#""summary":"Once a week.","detail":"Trials used weekly sessions.","text":"Once a week.\n\nTrials used weekly sessions.","via":"more""#)
        #expect(ReplyFormatter.body(of: rest, extent: .summaryFirst) == "Trials used weekly sessions.")
    }

    @Test func aChatShowsASafetyAnswerWhole() throws {
        let safety = try reply(
            #""summary":"Get help now.","detail":"Numbness in the groin…","safety":true,"urgency":"emergency","decided_by":"detector""#)
        #expect(ReplyFormatter.body(of: safety, extent: .summaryFirst) == "EMERGENCY: Get help now.\nGet help now.\n\nNumbness in the groin…")
        let urgent = try Reply(
            line: Array(#"{"type":"answer","lang":"da","summary":"Ring i dag.","detail":"Feber…","safety":true,"urgency":"urgent"}"#.utf8))
        #expect(ReplyFormatter.body(of: urgent, extent: .summaryFirst).hasPrefix("HASTER: Kontakt en læge i dag.\nRing i dag."))
    }

    @Test func sourcesComeWithTheRest() throws {
        let answer = try reply(#""summary":"Once a week.","detail":"Trials.","sources":[{"id":"s","title":"A trial"}]"#)
        #expect(!ReplyFormatter.text(of: answer, extent: .summaryFirst, numbered: true).contains("A trial"))
        #expect(ReplyFormatter.text(of: answer, extent: .whole, numbered: false).contains("A trial"))
    }

    @Test func aChatNamesTheOfferedQuestionItMovedOnTo() throws {
        let first = try reply(
            #""summary":"Once a week.","text":"Trials.","follow_ups":[{"intent":"faq.session","question":"What happens in a session?"},{"intent":"faq.types","question":"Which kinds of massage help?"}]"#
        )
        let picked = try Reply(
            line: Array(#"{"type":"answer","intent":"faq.types","lang":"en","summary":"Several.","via":"follow_up"}"#.utf8))
        #expect(ReplyFormatter.pickedQuestion(of: picked, offered: first.nextQuestions) == "Which kinds of massage help?")
        let asked = try Reply(
            line: Array(#"{"type":"answer","intent":"faq.types","lang":"en","summary":"Several.","via":"question"}"#.utf8))
        #expect(ReplyFormatter.pickedQuestion(of: asked, offered: first.nextQuestions) == nil, "a question typed out is not named again")
    }
}
