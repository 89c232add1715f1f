import Yams

extension KnowledgeBaseDraft {
    /// Checks what spans files (unique ids, references, duplicate questions) and builds the knowledge base.
    /// - Throws: ``KnowledgeBaseError`` with every problem, those found while reading included.
    func validated(digest: String) throws(KnowledgeBaseError) -> KnowledgeBase {
        var problems = self.problems
        func report(_ file: String, _ mark: Mark?, _ message: String) {
            problems.append(
                KnowledgeBaseProblem(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message))
        }
        func place(_ file: String, _ mark: Mark?) -> String { "\(file):\(mark?.line ?? 0)" }

        var sourcesByID: [String: SourceDraft] = [:]
        var sourceFiles: [String: String] = [:]
        for (file, draft) in sources {
            if let earlier = sourcesByID[draft.source.id] {
                report(file, draft.mark,
                    "the source id '\(draft.source.id)' is already used at "
                        + "\(place(sourceFiles[draft.source.id]!, earlier.mark)); give each source its own id")
            } else {
                sourcesByID[draft.source.id] = draft
                sourceFiles[draft.source.id] = file
            }
        }

        var intentsByID: [String: IntentDraft] = [:]
        for intent in intents {
            if let earlier = intentsByID[intent.id] {
                report(intent.file, intent.idMark,
                    "the id '\(intent.id)' is already used at \(place(earlier.file, earlier.idMark)); "
                        + "rename one or merge the two intents")
            } else {
                intentsByID[intent.id] = intent
            }
        }
        let knownIntents = "e.g. '\(intents.first?.id ?? "faq.frequency")'; `backtalk intents` lists them"

        // A file that does not parse hides intents; references to them would only be noise until it does.
        let checkReferences = !hasUnparsableFile
        func isIntent(_ id: String) -> Bool { declaredIntentIDs.contains(id) }
        /// Reports `reference` (a follow-up or a context) unless it names another, existing intent.
        func checkReference(_ reference: (text: String, mark: Mark?), as what: String, of intent: IntentDraft) {
            if reference.text == intent.id {
                report(intent.file, reference.mark, "'\(intent.id)' names itself as a \(what); name another intent")
            } else if !isIntent(reference.text) {
                report(intent.file, reference.mark,
                    "the \(what) '\(reference.text)' is not an intent; use an existing intent id, \(knownIntents)")
            }
        }
        for intent in intents where checkReferences {
            for followUp in intent.followUps { checkReference(followUp, as: "follow-up", of: intent) }
            for answer in intent.contextAnswers {
                checkReference((answer.context, answer.mark), as: "context (in_context)", of: intent)
            }
            for source in intent.sources where sourcesByID[source.text] == nil {
                report(intent.file, source.mark,
                    "the source '\(source.text)' is not in the sources list; add it under `sources:` or fix the id")
            }
        }
        for intent in intents {
            for language in Language.allCases {
                for phrase in intent.redFlags[language] where RedFlagPhrase(phrase.text) == nil {
                    report(intent.file, phrase.mark,
                        "the red-flag phrase '\(phrase.text)' has no word to match; write words, "
                            + "optionally ending in '*'")
                }
            }
        }

        var assistantTexts: AssistantTexts?
        if let first = assistant.first {
            for extra in assistant.dropFirst() {
                report(extra.file, extra.mark,
                    "a second `assistant:` section; keep only the one in \(place(first.file, first.mark))")
            }
            for suggestion in first.suggestions where checkReferences && !isIntent(suggestion.text) {
                report(first.file, suggestion.mark,
                    "the suggestion '\(suggestion.text)' is not an intent; use an existing intent id, \(knownIntents)")
            }
            assistantTexts = AssistantTexts(
                fallback: first.fallback, clarify: first.clarify, suggestions: first.suggestions.map(\.text),
                languageSwitched: first.languageSwitched ?? AssistantTexts.defaultLanguageSwitched)
        } else {
            report(directory, nil,
                "no `assistant:` section with the fallback and clarify texts; add one (see Knowledge/README.md)")
        }

        problems += duplicateQuestionProblems()

        guard problems.isEmpty, let assistantTexts else { throw KnowledgeBaseError(problems: problems) }
        func texts(_ list: [(text: String, mark: Mark?)]) -> [String] { list.map(\.text) }
        return KnowledgeBase(
            intents: intents.map { draft in
                Intent(
                    id: draft.id, title: draft.title, answer: draft.answer,
                    questions: Localized(english: texts(draft.questions.english), danish: texts(draft.questions.danish)),
                    followUps: texts(draft.followUps), sources: texts(draft.sources),
                    redFlags: Localized(english: texts(draft.redFlags.english), danish: texts(draft.redFlags.danish)),
                    contextAnswers: Dictionary(
                        draft.contextAnswers.map { ($0.context, $0.answer) }, uniquingKeysWith: { first, _ in first }))
            },
            sources: sourcesByID.mapValues(\.source),
            assistant: assistantTexts,
            outOfScope: Localized(
                english: outOfScope.flatMap { texts($0.questions.english) },
                danish: outOfScope.flatMap { texts($0.questions.danish) }),
            digest: digest)
    }

    /// A question may teach only one thing: it appears once, under one intent or among the out-of-scope ones.
    private func duplicateQuestionProblems() -> [KnowledgeBaseProblem] {
        var problems: [KnowledgeBaseProblem] = []
        var firstSeen: [String: (owner: String, file: String, mark: Mark?)] = [:]
        func check(_ question: (text: String, mark: Mark?), owner: String, file: String) {
            let key = TextNormalizer.normalized(question.text)
            guard let earlier = firstSeen[key] else {
                firstSeen[key] = (owner, file, question.mark)
                return
            }
            let message =
                earlier.owner == owner
                ? "the training question '\(question.text)' appears twice in \(owner) "
                    + "(also at line \(earlier.mark?.line ?? 0)); remove one"
                : "the training question '\(question.text)' is also under \(earlier.owner) "
                    + "(\(earlier.file):\(earlier.mark?.line ?? 0)); keep it under one intent only"
            problems.append(
                KnowledgeBaseProblem(
                    file: file, line: question.mark?.line ?? 0, column: question.mark?.column ?? 0, message: message))
        }
        for intent in intents {
            for language in Language.allCases {
                for question in intent.questions[language] { check(question, owner: "'\(intent.id)'", file: intent.file) }
            }
        }
        for (file, questions) in outOfScope {
            for language in Language.allCases {
                for question in questions[language] { check(question, owner: "out_of_scope", file: file) }
            }
        }
        return problems
    }
}
