@testable import BacktalkCore
import BacktalkProtocol
import BacktalkTesting
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
        "since yesterday I can't feel it when I wipe",
        "jeg har haft brystkræft og nu gør ryggen ondt",
        "fell down the stairs last night, lower back is agony",
        "har taget prednisolon i flere år og har fået ondt i ryggen",
    ])
    func mentionsOfRedFlagsGetTheSafetyAnswer(question: String) throws {
        let answer = Shipped.answerer.answer(question)
        #expect(answer.safety?.decidedBy == .phrase)
        #expect(answer.replyType == .answer)
        let id = try #require(answer.intent.map { Shipped.knowledge.intents[$0].id })
        #expect(IntentID.counts(id, as: "safety.red_flags"), "\(id) is not a safety level")
    }

    /// Possible cauda equina signs and serious accidents are emergencies; fever, cancer and steroids a doctor
    /// the same day. The summary is the instruction itself.
    @Test(arguments: [
        ("since yesterday I can't feel it when I wipe", Urgency.emergency),
        ("siden i går kan jeg ikke mærke, når jeg tørrer mig", .emergency),
        ("I can't pee and my lower back hurts", .emergency),
        ("both legs feel weak and my back hurts", .emergency),
        ("numbness in my groin", .emergency),
        ("feber og ondt i ryggen", .urgent),
        ("jeg har haft brystkræft og nu gør ryggen ondt", .urgent),
        ("har taget prednisolon i flere år og har fået ondt i ryggen", .urgent),
    ])
    func eachRedFlagGetsTheSafetyAnswerOfItsLevel(question: String, urgency: Urgency) throws {
        let answer = Shipped.answerer.answer(question)
        #expect(answer.safety?.urgency == urgency)
        let intent = try #require(answer.intent.map { Shipped.knowledge.intents[$0] })
        #expect(intent.urgency == urgency)
        let summary = intent.answer[answer.language].summary
        switch urgency {
        case .emergency: #expect(summary.contains("112") && !summary.contains("same day") && !summary.contains("samme dag"))
        case .urgent: #expect(summary.contains("same day") || summary.contains("samme dag"))
        }
    }

    @Test(arguments: [
        "can massage help me fall asleep",
        "is massage suitable for everyone with lower back pain",
        "how frequently do you recommend massage for back pain, every month?",
        "hvor tit skal jeg have massage?",
        "my lower back aches after a day of gardening",
        "good stretches for my legs and lower back",
        "kan massage hjælpe på afføringen",
        "can massage cause cancer?",
        "er kraftig massage bedre mod ondt i ryggen",
        "my child's back hurts after football",
        "hjælper vægttab mod rygsmerter",
    ])
    func ordinaryQuestionsDoNotTrigger(question: String) {
        #expect(Shipped.answerer.answer(question).safety == nil)
    }

    @Test func theSafetyAnswerComesFirstAndOffersWhatWasAsked() {
        let answer = Shipped.answerer.answer("how often should I get a massage when my groin is numb")
        #expect(answer.safety?.decidedBy == .phrase)
        #expect(answer.alsoAsked.map { Shipped.knowledge.intents[$0].id } == "faq.frequency")
    }

    /// The emergency detector carries the safety answer where no phrase matches: every training emergency
    /// that no phrase catches still gets it, and the near misses, trained as its counterexamples, do not.
    @Test func theEmergencyDetectorCoversEmergenciesWithoutAPhrase() throws {
        let levels = Shipped.knowledge.intents.filter { IntentID.counts($0.id, as: "safety.red_flags") }
        try #require(levels.count == 2)
        var scratch = ClassifierScratch()
        let withoutPhrase = levels.flatMap { level in Language.allCases.flatMap { level.questions[$0] } }.filter {
            Shipped.answerer.answer($0, scratch: &scratch).safety?.decidedBy != .phrase
        }
        #expect(withoutPhrase.count >= 20, "the test needs emergencies that no phrase matches")
        let answered = withoutPhrase.filter { Shipped.answerer.answer($0, scratch: &scratch).safety != nil }
        #expect(Double(answered.count) >= 0.95 * Double(withoutPhrase.count), "missed: \(Set(withoutPhrase).subtracting(answered))")
        let nearMisses = levels.flatMap { level in Language.allCases.flatMap { level.nearMisses[$0] } }
        #expect(nearMisses.count >= 200)
        let alarmed = nearMisses.filter { Shipped.answerer.answer($0, scratch: &scratch).safety != nil }
        #expect(Double(alarmed.count) <= 0.05 * Double(nearMisses.count), "alarmed: \(alarmed)")
    }

    /// The index of the first of `phrases` (each a rule of its own) that `question` matches under `scope`.
    private func firstMatch(
        _ phrases: [String], _ question: String, scope: RedFlagScopeWords = .none, pastCounts: Bool = false
    ) -> Int? {
        let rules = phrases.enumerated().map { index, phrase in
            RedFlagRule(
                id: "rule\(index)", intent: "safety", sign: "a sign", phrases: Localized(english: [phrase], danish: []),
                pastCounts: pastCounts, fires: [], quiet: [])
        }
        return RedFlagNet(rules: rules, scope: scope).rule(matching: question)
    }

    private let scope = RedFlagScopeWords(
        denial: ["no", "not", "ingen", "ikke"], symptomAfterDenial: ["feeling", "able", "mærke"],
        past: ["years ago", "helt rask"], over: ["all better"], clauseBreaks: ["but", "men"], listJoins: ["or", "eller"])

    @Test func aDeniedWordDoesNotCountInItsClause() {
        #expect(firstMatch(["numb* groin"], "no numbness in the groin, just a stiff back", scope: scope) == nil)
        #expect(firstMatch(["fever* back*"], "ingen fever, my back is sore", scope: scope) == nil)
        #expect(firstMatch(["fever* back*"], "my back is sore and I have a fever", scope: scope) == 0)
        #expect(firstMatch(["numb* groin"], "no pain in my legs. my groin is numb", scope: scope) == 0, "a new sentence")
        #expect(firstMatch(["numb* groin"], "no pain in my legs but my groin is numb", scope: scope) == 0, "a clause break")
        #expect(firstMatch(["feeling groin"], "no feeling in my groin", scope: scope) == 0, "the denial is the symptom")
        #expect(firstMatch(["cant|not pee*"], "I can not pee", scope: scope) == 0, "a phrase that denies itself")
        #expect(firstMatch(["maerke* tisse*"], "jeg kan ikke mærke, når jeg skal tisse", scope: scope) == 0)
    }

    @Test func aDenialReachesTheEndOfItsList() {
        #expect(firstMatch(["bladder problem*"], "I do not have any numbness, fever or bladder problems", scope: scope) == nil)
        #expect(firstMatch(["feber*"], "ingen smerter i benene, vægttab eller feber", scope: scope) == nil)
        #expect(firstMatch(["numb* leg*"], "no fever, and now both legs are numb", scope: scope) == 0, "no list join")
        #expect(firstMatch(["numb* leg*"], "no fever. numb legs or feet", scope: scope) == 0, "a new sentence")
        #expect(firstMatch(["numb* leg*"], "no fever, but numb legs or feet", scope: scope) == 0, "a clause break")
        #expect(
            firstMatch(["numb* leg*"], "no fever, and my legs have gone numb or weak today", scope: scope) == 0,
            "too long for a list's end")
    }

    @Test func aPastClauseDoesNotCountUnlessTheRuleSaysSo() {
        #expect(firstMatch(["car* crash*"], "I had a car crash years ago, my back is stiff", scope: scope) == nil)
        #expect(firstMatch(["car* crash*"], "my car crashed yesterday and my back hurts", scope: scope) == 0)
        #expect(firstMatch(["feber"], "jeg havde feber, nu er jeg helt rask", scope: scope) == 0, "another clause")
        #expect(firstMatch(["feber"], "jeg havde feber og er helt rask", scope: scope) == nil)
        #expect(firstMatch(["cancer*"], "I had breast cancer years ago", scope: scope, pastCounts: true) == 0)
        #expect(firstMatch(["fever*"], "had a fever, all better now", scope: scope) == nil, "over reaches back")
        #expect(firstMatch(["fever*"], "all better now, but a fever since today", scope: scope) == 0, "not forward")
        #expect(firstMatch(["fever*"], "had a fever. all better now", scope: scope) == 0, "not into another sentence")
    }

    @Test func anExcludedWordStopsAPhrase() {
        #expect(firstMatch(["fell* ice -asleep"], "I fell on the ice and now my back hurts") == 0)
        #expect(firstMatch(["fell* ice -asleep"], "I fell asleep with an ice pack on my back") == nil)
        #expect(throws: RedFlagPhrase.Problem.noRequiredWord, "a phrase must require a word") {
            try RedFlagPhrase("-asleep")
        }
    }

    @Test func anyAlternativeOfAWordCounts() {
        let phrase = "soil*|wet* myself|himself|herself -diaper*|nappy"
        #expect(firstMatch([phrase], "he soiled himself and his back hurts") == 0)
        #expect(firstMatch([phrase], "I wet myself this morning") == 0)
        #expect(firstMatch([phrase], "herself soiled") == 0, "in any order")
        #expect(firstMatch([phrase], "I soiled the sofa") == nil, "every word must still have one alternative")
        #expect(firstMatch([phrase], "the baby soiled herself, nappy change") == nil, "an excluded alternative rules out")
        #expect(firstMatch(["fell|slipped stair*"], "fel down the stairs") == nil, "short alternatives are spelled right")
        #expect(firstMatch(["fell|slipped stair*"], "slipepd on the stairs") == 0, "long ones forgive a typo")
        #expect(throws: RedFlagPhrase.Problem.alternativeIsNotOneWord("a&e")) { try RedFlagPhrase("went a&e|hospital") }
        #expect(throws: RedFlagPhrase.Problem.alternativeIsNotOneWord("|")) { try RedFlagPhrase("back |") }
    }

    @Test func danishLettersMatchTypedEitherWay() {
        for question in ["følelsesløs i skridtet", "foelelsesloes i skridtet", "folelseslos i skridtet"] {
            #expect(firstMatch(["følelsesløs* skridt*"], question) == 0, "\(question)")
        }
    }

    @Test func wholeWordsForgiveOneTypoAndPrefixesMatchTheirStart() {
        #expect(firstMatch(["numbness groin"], "numbnes in my groin") == 0)
        #expect(firstMatch(["numbness groin"], "numbing cream on my groin") == nil)
        #expect(firstMatch(["numb* groin"], "numbing cream on my groin") == 0)
        #expect(firstMatch(["both legs"], "bath legs") == nil, "short words must be spelled right")
    }

    @Test func theFirstMatchingPhraseInOrderWins() {
        #expect(firstMatch(["back fever", "fever"], "fever and back pain") == 0)
        #expect(firstMatch(["back fever", "fever"], "a fever") == 1)
        #expect(firstMatch(["fever", "back fever"], "fever and back pain") == 0)
    }
}
