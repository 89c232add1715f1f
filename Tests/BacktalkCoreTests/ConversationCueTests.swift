@testable import BacktalkCore
import BacktalkProtocol
import BacktalkTesting
import Testing

/// Short messages that mean something in a conversation, in English and Danish.
@Suite struct ConversationCueTests {
    @Test(arguments: [
        ("2", ConversationCue.pick(2)), ("#3", .pick(3)), ("number 1", .pick(1)), ("the second one", .pick(2)),
        ("the first", .pick(1)), ("nr. 2", .pick(2)), ("den første", .pick(1)), ("den forste", .pick(1)),
        ("den anden", .pick(2)), ("nummer 3 tak", .pick(3)), ("option two", .pick(2)), ("tell me about the second one", .pick(2)), ("fortæl om nummer 2", .pick(2)),
        ("yes", .yes), ("Yes please!", .yes), ("ja", .yes), ("ja tak", .yes), ("gerne", .yes), ("sure", .yes),
        ("tell me more", .more), ("more", .more), ("mere", .more), ("fortæl mere", .more), ("fortael mere", .more),
        ("go on, tell me more", .more), ("ok tell me more", .more), ("interesting, tell me more", .more), ("yes, more please", .more),
        ("in Danish please", .language(.danish)), ("på dansk", .language(.danish)), ("pa dansk tak", .language(.danish)),
        ("Danish", .language(.danish)), ("can you answer in danish?", .language(.danish)),
        ("på engelsk", .language(.english)), ("svar på engelsk", .language(.english)),
        ("english please", .language(.english)),
    ])
    func cue(text: String, expected: ConversationCue) {
        #expect(ConversationCue(text) == expected, "\(text)")
    }

    @Test(arguments: [
        "tak", "thanks", "how often should I get a massage?", "is massage better than danish exercise advice",
        "the first massage hurt", "2 massages a week", "no", "nej tak", "english or danish", "hvor tit?",
    ])
    func noCue(text: String) {
        #expect(ConversationCue(text) == nil, "\(text)")
    }

    @Test func ellipticalQuestions() {
        for text in ["and how often?", "og hvor tit?", "what about trigger point massage and frequency then?",
                     "hvad med triggerpunkter", "how often?", "how often should I get one?",
                     "hvor tit skal man have det?"] {
            #expect(ConversationCue.isElliptical(ConversationCue.words(text)), "\(text)")
        }
        #expect(!ConversationCue.isElliptical(ConversationCue.words("how often should I get a sports massage")))
        #expect(ConversationCue.opensWithContinuation(ConversationCue.words("and for trigger point?")))
        #expect(ConversationCue.opensWithContinuation(ConversationCue.words("hvad så med triggerpunkter")))
        #expect(!ConversationCue.opensWithContinuation(ConversationCue.words("hvad er triggerpunktsmassage?")))
    }

    /// "what can I do about it?" on its own is not answered surely; after an answer it asks about that
    /// answer's topic.
    @Test(arguments: [
        ("I'm 71 and my legs get heavy after 200 metres of walking and ease when I sit down", "what can I do about it?"),
        ("jeg er 71 og mine ben bliver tunge efter 200 meter og letter når jeg sætter mig", "hvad kan jeg gøre ved det?"),
    ])
    func aQuestionThatPointsBackIsReadWithTheLastTopic(first: String, pointer: String) throws {
        let alone = Shipped.answerer.answer(pointer)
        #expect(alone.intent != Shipped.knowledge.intentIndexes()["lbp.spinal_stenosis"], "the test needs a pointer that is no answer alone")
        #expect(alone.replyType != .answer || alone.confidence < Answerer.sureOnItsOwn)
        var session = SessionContext(knowledgeDigest: Shipped.knowledge.digest)
        var scratch = ClassifierScratch()
        let topic = Shipped.answerer.answer(first, language: nil, session: &session, scratch: &scratch)
        let stenosis = try #require(Shipped.knowledge.intentIndexes()["lbp.spinal_stenosis"])
        try #require(topic.intent == stenosis)
        let followUp = Shipped.answerer.answer(pointer, language: nil, session: &session, scratch: &scratch)
        #expect(followUp.replyType == .answer && followUp.intent == stenosis)
        #expect(followUp.reading == .more, "the rest of the answer whose summary was given")
    }

    /// A story's "it" is what the story told about, not the last answer's topic; its language is its own.
    @Test func aStoryIsReadOnItsOwnAfterAnotherTopic() throws {
        var session = SessionContext(knowledgeDigest: Shipped.knowledge.digest)
        var scratch = ClassifierScratch()
        let sciatica = Shipped.answerer.answer(
            "Kære doktor. Jeg er 63 og har i to måneder haft smerter fra lænden ned i foden. Min læge siger, det er "
                + "iskias. Hvor lang tid tager det, før sådan en iskias går over?",
            language: nil, session: &session, scratch: &scratch)
        try #require(sciatica.intent == Shipped.knowledge.intentIndexes()["lbp.sciatica"])
        let story = Shipped.answerer.answer(
            "so im 29, desk job, back has ached for about 3 weeks after i started running again. physio gave me "
                + "some core exercises. how often should i get a massage for it while i build back up?",
            language: nil, session: &session, scratch: &scratch)
        #expect(story.intent == Shipped.knowledge.intentIndexes()["faq.frequency"])
        #expect(story.language == .english)
        #expect(story.reading == .question)
    }
}
