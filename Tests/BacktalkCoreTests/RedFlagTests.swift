import BacktalkCore
import Testing

@Suite struct RedFlagTests {
    @Test(arguments: [
        "numb groin",
        "my groin has gone numb since yesterday and my back hurts",
        "numbness in my groin",
        "I can't control my bladder and my lower back aches",
        "kan ikke holde på vandet",
        "jeg kan ikke holde paa vandet og har ondt i ryggen",
        "feber og ondt i ryggen",
        "følelsesløs i skridtet",
        "both legs feel weak and my back hurts",
        "I fell off a ladder and now my back hurts",
    ])
    func mentionsOfRedFlagsGetTheSafetyAnswer(question: String) {
        let answer = Shipped.answerer.answer(question)
        #expect(answer.safety)
        #expect(answer.kind == .answer)
        #expect(answer.intent.map { Shipped.knowledge.intents[$0].id } == "safety.red_flags")
    }

    @Test(arguments: [
        "can massage help me fall asleep",
        "is massage suitable for everyone with lower back pain",
        "how frequently do you recommend massage for back pain, every month?",
        "hvor tit skal jeg have massage?",
    ])
    func ordinaryQuestionsDoNotTrigger(question: String) {
        #expect(!Shipped.answerer.answer(question).safety)
    }

    @Test func theSafetyAnswerComesFirstAndOffersWhatWasAsked() {
        let answer = Shipped.answerer.answer("how often should I get a massage when my groin is numb")
        #expect(answer.safety)
        #expect(answer.alsoAsked.map { Shipped.knowledge.intents[$0].id } == "faq.frequency")
    }
}
