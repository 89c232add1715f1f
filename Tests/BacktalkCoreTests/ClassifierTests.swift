@testable import BacktalkCore
import BacktalkProtocol
import BacktalkTesting
@testable import BacktalkTraining
import Foundation
import Testing

@Suite struct ClassifierTests {
    @Test func trainingIsDeterministic() {
        let again = Answerer(knowledge: Shipped.knowledge)
        var first = ClassifierScratch()
        var second = ClassifierScratch()
        for question in ["how often should I get a massage?", "hvad er triggerpunkter", "weather tomorrow"] {
            first.setText(question)
            second.setText(question)
            Shipped.answerer.classifier.classify(&first)
            again.classifier.classify(&second)
            #expect(first.probabilities == second.probabilities)
        }
    }

    @Test func confidencesAreProbabilities() {
        var scratch = ClassifierScratch()
        scratch.setText("is massage good for my back")
        let best = Shipped.answerer.classifier.classify(&scratch)
        #expect((0...1).contains(best.confidence))
        #expect(abs(scratch.probabilities.reduce(0, +) - 1) < 1e-4)
        let top = scratch.topLabels(3)
        #expect(top.count == 3)
        #expect(top[0] == best)
        #expect(top[0].confidence >= top[1].confidence && top[1].confidence >= top[2].confidence)
    }

    /// Known words take their character n-grams from the table made at load; the vector is the same as
    /// hashing and looking up every feature of the text.
    @Test(arguments: ["how often should I get a massage?", "hvor tit skal jeg have massage", "zxq massage blorp"])
    func theTrainingWordTableGivesTheSameVector(question: String) {
        let vectorizer = Shipped.answerer.classifier.vectorizer
        var scratch = ClassifierScratch()
        scratch.setText(question)
        vectorizer.vectorize(&scratch)
        var expected: [FeatureView: [Int32: Int]] = [:]
        scratch.normalizedText.withUnsafeBufferPointer { bytes in
            vectorizer.extractor.forEachFeature(in: bytes) { hash, view in
                if let index = vectorizer.vocabulary.index(of: hash) { expected[view, default: [:]][index, default: 0] += 1 }
            }
        }
        let found = Set(scratch.vector.indices)
        let wanted = Set(expected.values.flatMap(\.keys))
        #expect(found == wanted)
        #expect(scratch.vector.indices.count == found.count, "each feature once")
    }

    /// Words the training texts never had flatten the probabilities without changing the label's rank.
    @Test func unknownWordsLowerTheConfidenceOnly() {
        let examples = [
            ("book a flight to paris", "travel"), ("i need a plane ticket", "travel"), ("fly me to rome", "travel"),
            ("what is the weather today", "weather"), ("will it rain tomorrow", "weather"), ("is it sunny", "weather"),
        ].map { LabelledText(text: $0.0, label: $0.1) }
        var discounting = TrainingOptions()
        discounting.unknownFeatureWeight = 2
        let classifier = IntentClassifier(training: examples, options: discounting)
        let plain = IntentClassifier(training: examples, options: .withOutOfScopeClass)
        var scratch = ClassifierScratch()
        func classify(_ text: String, _ classifier: IntentClassifier) -> ScoredLabel {
            scratch.setText(text)
            return classifier.classify(&scratch)
        }
        let known = classify("book a flight", classifier)
        let padded = classify("book a flight quokka zebu xylophone", classifier)
        #expect(classifier.labels[known.label] == "travel")
        #expect(padded.label == known.label)
        #expect(padded.confidence < known.confidence)
        let unknownOnly = classify("quokka zebu", classifier)
        #expect(unknownOnly.confidence < 0.6, "an unknown text is close to a coin toss between two labels")
        #expect(classify("book a flight quokka zebu xylophone", plain).confidence > padded.confidence)
    }

    @Test(arguments: [
        ("how often should I get a massage?", Language.english, "faq.frequency"),
        ("hvor tit skal jeg have massage?", Language.danish, "faq.frequency"),
        ("hvorfor faar man ondt i laenden", Language.danish, "lbp.causes"),
        ("hello", Language.english, "smalltalk.greeting"),
        ("mange tak", Language.danish, "smalltalk.thanks"),
    ])
    func answersInTheQuestionsLanguage(question: String, language: Language, intent: String) {
        let answer = Shipped.answerer.answer(question)
        #expect(answer.replyType == .answer)
        #expect(answer.language == language)
        #expect(answer.intent.map { Shipped.knowledge.intents[$0].id } == intent)
    }

    @Test func aRequestMayForceTheLanguage() {
        #expect(Shipped.answerer.answer("how often should I get a massage?", language: .danish).language == .danish)
    }

    @Test(arguments: ["what's the weather like in Aarhus tomorrow", "hvad koster en togbillet til Odense", "asdf qwerty"])
    func outOfScopeFallsBack(question: String) {
        let answer = Shipped.answerer.answer(question)
        #expect(answer.replyType == .fallback)
        #expect(answer.safety == nil)
    }

    @Test func closeCallsAskWhichWasMeant() {
        var policy = AnswerPolicy()
        policy.clarifyMargin = 1  // every answer with a runner-up becomes a clarification
        let answerer = Answerer(knowledge: Shipped.knowledge, policy: policy)
        let answer = answerer.answer("how often should I get a massage?")
        #expect(answer.replyType == .clarify)
        #expect(answer.asksBetweenTwoIntents)
    }

    /// A bare topic word is asked back unless the model is sure of it; a longer question on the same topic
    /// is answered, and a one-word question the model is sure of ("belt") too.
    @Test func oneVagueWordIsAskedBack() {
        let massage = Shipped.answerer.answer("massage")
        #expect(massage.replyType == .clarify, "\(massage.kind) \(massage.confidence)")
        #expect(massage.asksBetweenTwoIntents)
        #expect(Shipped.answerer.answer("how often should I get a massage?").replyType == .answer)

        var never = AnswerPolicy()
        never.oneWordCertainty = 0
        never.clarifyMargin = 0
        #expect(Answerer(knowledge: Shipped.knowledge, policy: never).answer("massage").replyType == .answer)

        let sure = Shipped.answerer.answer("belt")
        #expect(sure.replyType == .answer && sure.confidence >= Shipped.answerer.policy.oneWordCertainty)
    }
}

extension Answer {
    /// Whether this is a clarification between two different intents.
    var asksBetweenTwoIntents: Bool {
        if case .clarify(let first, let second) = kind { first != second } else { false }
    }
}
