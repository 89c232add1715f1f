@testable import BacktalkCore
import BacktalkProtocol
import BacktalkTesting
@testable import BacktalkTraining
import Foundation
import Testing

/// Local layers (`--knowledge` given more than once): what an administrator's file may add and change,
/// and the mistakes it is told about, naming both files.
@Suite struct KnowledgeLayersTests {
    /// The shipped fixture and a local layer holding `local` as `clinic.yaml`.
    private func layers(_ local: String) throws -> (shipped: KnowledgeFixture, local: KnowledgeFixture) {
        (try KnowledgeFixture.with(intents: KnowledgeFixture.intents), try KnowledgeFixture(["clinic.yaml": local]))
    }

    private func problems(_ local: String) throws -> [String] {
        let (shipped, local) = try layers(local)
        do {
            _ = try KnowledgeBaseLoader.load(layers: [shipped.directory, local.directory])
            return []
        } catch {
            return error.problems.map {
                $0.description.replacingOccurrences(of: shipped.directory + "/", with: "shipped/")
                    .replacingOccurrences(of: local.directory + "/", with: "local/")
            }
        }
    }

    static let clinic = """
        intents:
          - id: clinic.opening_hours
            title: {en: When are you open?, da: Hvornår har I åbent?}
            summary: {en: Weekdays 8 to 16., da: Hverdage 8 til 16.}
            answer: {en: Call us to book a time., da: Ring og bestil en tid.}
            questions:
              en: [when are you open, opening hours]
              da: [hvornår har i åbent, åbningstider]
          - extends: a.one
            summary: {en: "One, locally.", da: "En, lokalt."}
            answer: {en: The local answer., da: Det lokale svar.}
            questions: {en: [tell me about one], da: []}
          - extends: b.two
            enabled: false
        """

    @Test func aLocalLayerAddsChangesAndSwitchesOff() throws {
        let (shipped, local) = try layers(Self.clinic)
        let knowledge = try KnowledgeBaseLoader.load(layers: [shipped.directory, local.directory])
        #expect(knowledge.intents.map(\.id) == ["a.one", "clinic.opening_hours"])
        let one = try #require(knowledge.intent("a.one"))
        #expect(one.answer.english == AnswerText(summary: "One, locally.", text: "The local answer."))
        #expect(one.title.english == "One?")
        #expect(one.questions.english == ["what is one", "tell me about one"])
        #expect(one.followUps.isEmpty, "a follow-up to a switched-off intent is dropped")
        #expect(knowledge.outOfScope.english.contains("what is two"), "a switched-off intent's questions are declined")
        #expect(knowledge.assistant.suggestions == ["a.one"])
    }

    @Test func aLocalIDThatIsShippedSaysToExtendIt() throws {
        let local = """
            intents:
              - id: a.one
                title: {en: One?, da: En?}
                summary: {en: One., da: En.}
                answer: {en: Local., da: Lokal.}
                questions: {en: [one please], da: [en tak]}
            """
        #expect(
            try problems(local) == [
                "local/clinic.yaml:2:9: the id 'a.one' is already used at shipped/topic.yaml:2; to change that intent "
                    + "here, write `extends: a.one` instead of `id: a.one`"
            ])
    }

    @Test func changesNameAnExistingIntentOnce() throws {
        let local = """
            intents:
              - extends: a.onee
                questions: {en: [one more], da: []}
              - extends: b.two
                enabled: false
              - extends: b.two
                questions: {en: [two more], da: []}
            """
        #expect(
            try problems(local) == [
                "local/clinic.yaml:2:14: extends 'a.onee', which is not an intent; did you mean 'a.one'?",
                "local/clinic.yaml:6:14: 'b.two' is already changed at local/clinic.yaml:4; make all changes to one "
                    + "intent in one place",
            ])
    }

    @Test func aLocalQuestionThatAShippedIntentHasNamesBothFiles() throws {
        let local = """
            intents:
              - id: clinic.prices
                title: {en: Prices?, da: Priser?}
                summary: {en: Ask us., da: Spørg os.}
                answer: {en: Prices vary., da: Priserne varierer.}
                questions: {en: [What is one?, prices], da: [priser]}
            """
        #expect(
            try problems(local) == [
                "local/clinic.yaml:6:22: the training question 'What is one?' is also under 'a.one' "
                    + "(shipped/topic.yaml:13); keep it under one intent only"
            ])
    }

    @Test func aChangeInTheSameLayerIsRefused() throws {
        let yaml = KnowledgeFixture.intents + "\n  - extends: a.one\n    questions: {en: [one more], da: []}\n"
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(problems.count == 1)
        #expect(problems.first?.contains("extends 'a.one', which topic.yaml:2 declares in the same layer") == true)
    }

    /// The clinic example in docs/KNOWLEDGE.md loads over the shipped knowledge base and answers.
    @Test func theDocumentedClinicExampleLoadsOverTheShippedKnowledge() throws {
        let guide = try String(contentsOfFile: Repository.root + "/docs/KNOWLEDGE.md", encoding: .utf8)
        let example = try #require(guide.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        let local = try KnowledgeFixture(["clinic.yaml": example])
        let knowledge = try KnowledgeBaseLoader.load(layers: [Repository.knowledge, local.directory])
        #expect(knowledge.intent("clinic.opening_hours") != nil)
        let answerer = Answerer(knowledge: knowledge)
        let answer = answerer.answer("what are your opening hours?")
        #expect(answer.replyType == .answer && answer.intent.map { knowledge.intents[$0].id } == "clinic.opening_hours")
        let danish = answerer.answer("hvornår har klinikken åbent")
        #expect(danish.intent.map { knowledge.intents[$0].id } == "clinic.opening_hours")
    }
}
