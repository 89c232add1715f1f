import BacktalkCore
import BacktalkProtocol
import Foundation
import Testing

/// A knowledge base written to a temporary folder, file by file.
struct KnowledgeFixture {
    let directory: String

    init(_ files: [String: String]) throws {
        directory = NSTemporaryDirectory() + "backtalk-kb-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, contents) in files {
            try contents.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    /// The problems the loader reports, as `FILE:LINE:COLUMN: message` with FILE relative to the folder.
    func problems() -> [String] {
        do {
            _ = try KnowledgeBaseLoader.load(directory: directory)
            return []
        } catch {
            return error.problems.map { $0.description.replacingOccurrences(of: directory + "/", with: "") }
        }
    }

    static let assistant = """
        assistant:
          fallback:
            en: I answer questions about lower back pain.
            da: Jeg svarer på spørgsmål om ondt i lænden.
          clarify:
            en: Did you mean {first} or {second}?
            da: Mente du {first} eller {second}?
          suggestions: [a.one]
        sources:
          - id: s1
            title: A source
            url: https://example.org
        """

    /// Two valid intents; line 2 is `- id: a.one`, line 20 is `- id: b.two`.
    static let intents = """
        intents:
          - id: a.one
            title:
              en: One?
              da: En?
            summary:
              en: One, in short.
              da: En, kort sagt.
            answer:
              en: The first answer.
              da: Det første svar.
            questions:
              en: [what is one]
              da: [hvad er en]
            follow_ups: [b.two]
            sources: [s1]
          # comment line 14
          # comment line 15
          # comment line 16
          - id: b.two
            title:
              en: Two?
              da: To?
            summary:
              en: Two, in short.
              da: To, kort sagt.
            answer:
              en: The second answer.
              da: Det andet svar.
            questions:
              en: [what is two]
              da: [hvad er to]
        """

    static func with(intents: String) throws -> KnowledgeFixture {
        try KnowledgeFixture(["assistant.yaml": assistant, "topic.yaml": intents])
    }
}

@Suite struct KnowledgeBaseLoaderTests {
    @Test func aValidKnowledgeBaseLoads() throws {
        let fixture = try KnowledgeFixture.with(intents: KnowledgeFixture.intents)
        #expect(fixture.problems() == [])
        let base = try KnowledgeBaseLoader.load(directory: fixture.directory)
        #expect(base.intents.map(\.id) == ["a.one", "b.two"])
        #expect(base.intents[0].followUps == ["b.two"])
        #expect(base.questionCount(.danish) == 2)
    }

    @Test func unknownKey() throws {
        let yaml = KnowledgeFixture.intents.replacingOccurrences(of: "    answer:\n      en: The first", with: "    anwser:\n      en: The first")
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(problems.contains { $0.hasPrefix("topic.yaml:9:5: unknown key 'anwser' in an intent; the keys are id, title") })
        #expect(problems.contains("topic.yaml:2:5: this intent has no 'answer'; add it (see Knowledge/README.md)"))
    }

    @Test func duplicateID() throws {
        let yaml = KnowledgeFixture.intents.replacingOccurrences(of: "- id: b.two", with: "- id: a.one")
            .replacingOccurrences(of: "follow_ups: [b.two]", with: "follow_ups: []")
            .replacingOccurrences(of: "[what is two]", with: "[what is three]")
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(
            problems == [
                "topic.yaml:20:9: the id 'a.one' is already used at topic.yaml:2; rename one or merge the two intents"
            ])
    }

    @Test func missingLanguage() throws {
        let yaml = KnowledgeFixture.intents.replacingOccurrences(of: "      da: Det andet svar.\n", with: "")
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(
            problems == [
                "topic.yaml:28:7: the answer has no 'da' (Danish); add the Danish version"
            ])
    }

    @Test func emptyAnswer() throws {
        let yaml = KnowledgeFixture.intents.replacingOccurrences(of: "en: The second answer.", with: "en: \"\"")
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(
            problems == [
                "topic.yaml:28:11: the answer (en) is empty; write the text or remove the entry"
            ])
    }

    @Test func unknownFollowUpAndSource() throws {
        let yaml = KnowledgeFixture.intents.replacingOccurrences(of: "follow_ups: [b.two]", with: "follow_ups: [b.tow]")
            .replacingOccurrences(of: "sources: [s1]", with: "sources: [s2]")
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(
            problems == [
                "topic.yaml:15:18: the follow-up 'b.tow' is not an intent; did you mean 'b.two'?",
                "topic.yaml:16:15: the source 's2' is not in the sources list; add it under `sources:` or fix the id",
            ])
    }

    @Test func answersInContextAreValidatedLikeTheRest() throws {
        let inContext = """
                follow_ups: [b.two]
                in_context:
                  b.two:
                    summary: {en: "After two.", da: "Efter to."}
                    answer: {en: "One, after two.", da: "En, efter to."}
                  b.tow:
                    summary: {en: "After a typo.", da: "Efter en stavefejl."}
                    answer: {en: "One, after a typo.", da: "En, efter en stavefejl."}
                  a.one:
                    summary: {en: "After itself.", da: "Efter sig selv."}
                    answer: {en: "One, after itself.", da: "En, efter sig selv."}
                  c.three:
                    summary: {en: "After three.", da: "Efter tre."}
                    answer: {en: "One, after three."}

            """
        let yaml = KnowledgeFixture.intents.replacingOccurrences(of: "    follow_ups: [b.two]\n", with: inContext)
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(
            problems == [
                "topic.yaml:20:7: the context (in_context) 'b.tow' is not an intent; did you mean 'b.two'?",
                "topic.yaml:23:7: 'a.one' names itself as a context (in_context); name another intent",
                "topic.yaml:28:17: the answer in context 'c.three' has no 'da' (Danish); add the Danish version",
            ])
        let valid = KnowledgeFixture.intents.replacingOccurrences(
            of: "    follow_ups: [b.two]\n",
            with: "    follow_ups: [b.two]\n    in_context:\n      b.two:\n        summary: {en: After two., da: Efter to.}\n"
                + "        answer: {en: \"One, after two.\", da: \"En, efter to.\"}\n")
        let knowledge = try KnowledgeBaseLoader.load(directory: try KnowledgeFixture.with(intents: valid).directory)
        #expect(knowledge.intents[0].contextAnswers["b.two"]?.danish == AnswerText(summary: "Efter to.", text: "En, efter to."))
    }

    @Test func sameQuestionUnderTwoIntents() throws {
        let yaml = KnowledgeFixture.intents.replacingOccurrences(of: "en: [what is two]", with: "en: [What is ONE?]")
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(
            problems == [
                "topic.yaml:31:12: the training question 'What is ONE?' is also under 'a.one' (topic.yaml:13); "
                    + "keep it under one intent only"
            ])
    }

    @Test func anAnswerNeedsASummary() throws {
        let yaml = KnowledgeFixture.intents.replacingOccurrences(
            of: "    summary:\n      en: Two, in short.\n      da: To, kort sagt.\n", with: "")
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(problems == ["topic.yaml:20:5: this intent has no 'summary'; add it (see Knowledge/README.md)"])
    }

    @Test func summaryAndAnswerHaveWordLimits() throws {
        let summary = Array(repeating: "word", count: AnswerText.summaryWordLimit + 1).joined(separator: " ")
        let answer = Array(repeating: "word", count: AnswerText.textWordLimit + 1).joined(separator: " ")
        let yaml = KnowledgeFixture.intents.replacingOccurrences(of: "en: One, in short.", with: "en: \(summary)")
            .replacingOccurrences(of: "da: Det andet svar.", with: "da: \(answer)")
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(
            problems == [
                "topic.yaml:7:11: the summary (en) has 41 words; shorten it to 40 or fewer",
                "topic.yaml:29:11: the answer (da) has 131 words; shorten it to 130 or fewer",
            ])
        let atTheLimits = KnowledgeFixture.intents
            .replacingOccurrences(of: "en: One, in short.", with: "en: \(summary.dropFirst(5))")
            .replacingOccurrences(of: "da: Det andet svar.", with: "da: \"- \(answer.dropFirst(5))\"")
        #expect(try KnowledgeFixture.with(intents: atTheLimits).problems() == [])
    }

    static let rules = """
        red_flags:
          - rule: groin
            intent: a.one
            sign: numbness in the groin
            en: [numb* groin, went a&e|hospital]
            da: [-kun]
            fires: [my groin is numb]
          - rule: fever
            intent: a.none
            sign: fever
            en: [fever*]
            da: [feber]
            fires: [fever and back pain, no fever at all]
            quiet: [numb groin]
        red_flag_scope:
          denial: [no]
        """

    @Test func aRedFlagRuleIsCheckedAndItsExamplesRun() throws {
        let fixture = try KnowledgeFixture([
            "assistant.yaml": KnowledgeFixture.assistant, "topic.yaml": KnowledgeFixture.intents,
            "rules.yaml": Self.rules,
        ])
        #expect(
            fixture.problems() == [
                "rules.yaml:5:23: the red-flag phrase 'went a&e|hospital' has the alternative 'a&e', which is not "
                    + "one word; give each word of 'a|b|c' as letters and digits only",
                "rules.yaml:6:10: the red-flag phrase '-kun' has no word to match; write words, optionally ending "
                    + "in '*' (a word starting with '-' only rules a question out)",
                "rules.yaml:9:13: the rule 'fever' sends questions to 'a.none', which is not an intent; "
                    + "name a safety intent such as 'safety.red_flags.emergency'",
            ])
        let compiling = Self.rules.replacingOccurrences(of: ", went a&e|hospital]", with: "]")
            .replacingOccurrences(of: "[-kun]", with: "[lyske*]").replacingOccurrences(of: "a.none", with: "b.two")
        let examples = try KnowledgeFixture([
            "assistant.yaml": KnowledgeFixture.assistant, "topic.yaml": KnowledgeFixture.intents,
            "rules.yaml": compiling,
        ])
        #expect(
            examples.problems() == [
                "rules.yaml:13:34: the rule 'fever' does not match its example 'no fever at all'; fix a phrase or the "
                    + "scope words, or move the example to another rule",
                "rules.yaml:14:13: the rule 'groin' matches 'numb groin', an example of what no rule may match; narrow "
                    + "that rule's phrases (an excluded '-word') or add a scope word",
            ])
    }

    @Test func trainingEntriesAddQuestionsKeptApartFromTheAnswer() throws {
        let withoutQuestions = KnowledgeFixture.intents.replacingOccurrences(
            of: "    questions:\n      en: [what is one]\n      da: [hvad er en]\n", with: "")
        let training = """
            training:
              - intent: a.one
                questions:
                  en: [what is one]
                  da: [hvad er en]
                near_misses:
                  en: [what is not one]
                  da: [hvad er ikke en]
            """
        let missing = try KnowledgeFixture.with(intents: withoutQuestions)
        #expect(
            missing.problems() == [
                "topic.yaml:2:9: the intent 'a.one' has no English training questions; add a dozen or more under "
                    + "`questions:` or in a `training:` entry",
                "topic.yaml:2:9: the intent 'a.one' has no Danish training questions; add a dozen or more under "
                    + "`questions:` or in a `training:` entry",
            ])
        let apart = try KnowledgeFixture([
            "assistant.yaml": KnowledgeFixture.assistant, "topic.yaml": withoutQuestions, "training.yaml": training,
        ])
        let base = try KnowledgeBaseLoader.load(directory: apart.directory)
        #expect(base.intents[0].questions.english == ["what is one"])
        #expect(base.intents[0].nearMisses.danish == ["hvad er ikke en"])
    }

    @Test func nearMissesAreReadAndMustNotBeTrainingQuestions() throws {
        let listed = KnowledgeFixture.intents.replacingOccurrences(
            of: "    sources: [s1]\n",
            with: "    sources: [s1]\n    near_misses:\n      en: [what is one not, one twice, one twice]\n      da: [Hvad er en?]\n")
        let problems = try KnowledgeFixture.with(intents: listed).problems()
        #expect(
            problems == [
                "topic.yaml:18:40: the near miss 'one twice' appears twice; remove one",
                "topic.yaml:19:12: the near miss 'Hvad er en?' is also a training question of 'a.one'; keep it in one "
                    + "list: a question is either this intent or not",
            ])
        let valid = listed.replacingOccurrences(of: ", one twice]", with: "]").replacingOccurrences(
            of: "[Hvad er en?]", with: "[hvad er ikke en]")
        let base = try KnowledgeBaseLoader.load(directory: KnowledgeFixture.with(intents: valid).directory)
        #expect(base.intents[0].nearMisses.english == ["what is one not", "one twice"])
        #expect(base.intents[0].nearMisses.danish == ["hvad er ikke en"])
    }

    @Test func yamlSyntaxError() throws {
        let yaml = KnowledgeFixture.intents.replacingOccurrences(of: "      en: One?", with: "      en: [One?")
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("topic.yaml:5:") == true)
        #expect(problems.first?.contains("YAML syntax error") == true)
    }

    @Test func duplicateKeyInAMapping() throws {
        let yaml = KnowledgeFixture.intents.replacingOccurrences(of: "      da: En?", with: "      en: En?")
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(problems.count == 1)
        #expect(problems.first?.contains("the key 'en' appears twice in one mapping; keep one") == true)
        #expect(problems.first?.hasPrefix("topic.yaml:") == true)
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let yaml = KnowledgeFixture.intents.replacingOccurrences(of: "follow_ups: [b.two]", with: "follow_ups: [nope]")
            .replacingOccurrences(of: "      da: Det andet svar.\n", with: "")
            .replacingOccurrences(of: "    title:\n      en: Two?", with: "    titel:\n      en: Two?")
        let problems = try KnowledgeFixture.with(intents: yaml).problems()
        #expect(problems.count == 4, "\(problems)")
    }

    @Test func aMissingFolderSaysWhatToDo() {
        #expect(throws: KnowledgeBaseError.self) { try KnowledgeBaseLoader.load(directory: "/nonexistent/kb") }
        do {
            _ = try KnowledgeBaseLoader.load(directory: "/nonexistent/kb")
        } catch {
            #expect(error.description.contains("pass --knowledge"))
        }
    }
}
