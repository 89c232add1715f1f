@testable import BacktalkCore
import BacktalkProtocol
import Testing

/// Messages of several sentences: a story, then the question.
@Suite struct LongMessageTests {
    @Test func sentencesEndAtStopsAndNewLinesAndKnowTheirQuestion() {
        let sentences = Sentences.of("I'm 52. My back hurts!\nWhat helps?  ok")
        #expect(sentences.map { String($0.text).trimmingWhitespace } == ["I'm 52.", "My back hurts!", "What helps?", "ok"])
        #expect(sentences.map(\.isQuestion) == [false, false, true, false])
        #expect(Sentences.question(among: sentences) == "What helps?")
        #expect(Sentences.areSeveral(in: "I'm 52. My back hurts"))
        #expect(!Sentences.areSeveral(in: "my back hurts..."), "stops at the end are no second sentence")
        #expect(!Sentences.areSeveral(in: "is 3.5 mg a lot"))
    }

    @Test(arguments: [
        ("I'm 58 and have worked in an office for thirty years. My lower back has been stiff for a few weeks "
            + "and my daughter keeps telling me to see someone. I tried a heat pad and some stretches. "
            + "Should I see a physiotherapist or a chiropractor, and do I need a referral?", "care.who_to_see"),
        ("Jeg er 44 og har haft ondt i lænden i et par uger efter en flytning. Jeg har ingen feber og ingen "
            + "problemer med at tisse, den er bare stiv om morgenen. Min mand siger jeg skal blive liggende. "
            + "Er det bedre at hvile eller at holde sig i gang?", "self_care.exercise"),
    ])
    func aStoryGetsTheAnswerToItsQuestion(message: String, intent: String) throws {
        let answer = Shipped.answerer.answer(message)
        #expect(answer.safety == nil, "denied or ordinary symptoms set off no alarm")
        #expect(answer.intent.map { Shipped.knowledge.intents[$0].id } == intent)
    }

    @Test func aNewSymptomInTheMiddleOfAStoryStillGetsTheSafetyAnswer() {
        let message = "I'm 61 and my back has been sore since I moved house last month. Since yesterday I can't "
            + "feel anything when I wipe and my legs feel weak. Anyway, what is the best mattress for a bad back?"
        #expect(Shipped.answerer.answer(message).safety?.urgency == .emergency)
    }
}
