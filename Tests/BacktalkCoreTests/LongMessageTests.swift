@testable import BacktalkCore
import BacktalkProtocol
import BacktalkTesting
import Testing

/// Messages of several sentences: a story, then the question.
@Suite struct LongMessageTests {
    /// The normalised sentence of `text` that asks its question, or nil for a text of one sentence.
    private func questionSentence(_ text: String) -> String? {
        var scratch = ClassifierScratch()
        scratch.setText(text)
        return scratch.questionSentence.map { String(decoding: scratch.normalizedText[$0], as: UTF8.self) }
    }

    @Test func theQuestionIsTheFirstSentenceEndingWithAQuestionMarkElseTheLast() {
        #expect(questionSentence("I'm 52. My back hurts!\nWhat helps?  ok") == "what helps")
        #expect(questionSentence("Is it bad? I'm 52; it hurts. What helps?") == "is it bad")
        #expect(questionSentence("I'm 52. My back hurts") == "my back hurts")
        #expect(questionSentence("I'm 52. What helps?") == "what helps")
        #expect(questionSentence("what helps?") == nil, "one sentence")
        #expect(questionSentence("my back hurts...") == nil, "stops at the end are no second sentence")
        #expect(questionSentence("is 3.5 mg a lot") == nil, "a decimal point ends no sentence")
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

    @Test(arguments: [
        ("I'm 36 and sit at a desk all day. My lower back has ached for two weeks since I moved house. Should I "
            + "use heat or ice on it? And can I take ibuprofen and paracetamol together?",
            ["self_care.heat_cold", "self_care.pain_relief"]),
        ("Jeg er 45 og har haft ondt i lænden i tre uger efter en flytning. Jeg har ingen feber og kan sagtens "
            + "tisse. Hjælper varme eller kulde bedst? Og må jeg tage Ipren og Panodil sammen?",
            ["self_care.heat_cold", "self_care.pain_relief"]),
    ])
    func oneOfTwoQuestionsIsAnsweredAndTheOtherOfferedFirst(message: String, intents: [String]) throws {
        let answer = Shipped.answerer.answer(message)
        let answered = try #require(answer.intent.map { Shipped.knowledge.intents[$0].id })
        var offered: [String] = []
        Shipped.answerer.offered.forEach(in: answer) { offered.append(Shipped.knowledge.intents[$0].id) }
        #expect(answer.replyType == .answer)
        #expect(Set([answered, offered.first]) == Set(intents), "answered \(answered), offered \(offered)")
    }

    @Test func twoQuestionsAreNotAskedBackAsWhichOneWasMeant() {
        var scratch = ClassifierScratch()
        scratch.setText("My back aches. Does massage help? And how often should I go?")
        #expect(scratch.asksTwoQuestions)
        scratch.setText("My back aches. Does massage help?")
        #expect(!scratch.asksTwoQuestions)
    }
}
