import BacktalkProtocol
import Yams

extension KnowledgeBaseDraft {
    /// Checks what spans files and layers (unique ids, changes to earlier intents, references, duplicate
    /// questions) and builds the knowledge base.
    /// - Throws: ``KnowledgeBaseError`` with every problem, those found while reading included, in file order.
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
                        + (earlier.layer < intent.layer
                            ? "to change that intent here, write `extends: \(intent.id)` instead of `id: \(intent.id)`"
                            : "rename one or merge the two intents"))
            } else {
                intentsByID[intent.id] = intent
            }
        }

        // A file that does not parse hides intents; references to them would only be noise until it does.
        let checkReferences = !hasUnparsableFile
        func unknownIntent(_ id: String) -> String {
            if let nearest = Self.nearest(to: id, among: intents.map(\.id)) { return "did you mean '\(nearest)'?" }
            return "use an existing intent id, e.g. '\(intents.first?.id ?? "faq.frequency")'"
        }
        /// Reports `reference` (a follow-up or a context) of `owner` unless it names another, existing intent.
        func checkReference(_ reference: (text: String, mark: Mark?), as what: String, of owner: String, in file: String) {
            if reference.text == owner {
                report(file, reference.mark, "'\(owner)' names itself as a \(what); name another intent")
            } else if !declaredIntentIDs.contains(reference.text) {
                report(file, reference.mark, "the \(what) '\(reference.text)' is not an intent; \(unknownIntent(reference.text))")
            }
        }
        func checkSources(_ list: [(text: String, mark: Mark?)], in file: String) {
            for source in list where sourcesByID[source.text] == nil {
                report(file, source.mark,
                    "the source '\(source.text)' is not in the sources list; add it under `sources:` or fix the id")
            }
        }
        for intent in intents {
            if checkReferences {
                for followUp in intent.followUps { checkReference(followUp, as: "follow-up", of: intent.id, in: intent.file) }
                for answer in intent.contextAnswers {
                    checkReference((answer.context, answer.mark), as: "context (in_context)", of: intent.id, in: intent.file)
                }
                checkSources(intent.sources, in: intent.file)
            }
        }
        for training in trainingSets {
            guard let target = intentsByID[training.intent] else {
                if checkReferences {
                    report(training.file, training.mark,
                        "trains '\(training.intent)', which is not an intent; \(unknownIntent(training.intent))")
                }
                continue
            }
            if target.layer > training.layer {
                report(training.file, training.mark,
                    "trains '\(training.intent)', which a later folder declares; move this entry to that folder or later")
            }
        }

        // Changes to intents of earlier layers, at most one per intent.
        var overlayByTarget: [String: IntentOverlayDraft] = [:]
        for overlay in overlays {
            guard let target = intentsByID[overlay.target] else {
                report(overlay.file, overlay.mark,
                    "extends '\(overlay.target)', which is not an intent; \(unknownIntent(overlay.target))")
                continue
            }
            if target.layer >= overlay.layer {
                report(overlay.file, overlay.mark,
                    "extends '\(overlay.target)', which \(place(target.file, target.idMark)) declares in the same "
                        + "layer; change it there, or move this file to a later --knowledge folder")
            } else if let earlier = overlayByTarget[overlay.target] {
                report(overlay.file, overlay.mark,
                    "'\(overlay.target)' is already changed at \(place(earlier.file, earlier.mark)); "
                        + "make all changes to one intent in one place")
            } else {
                overlayByTarget[overlay.target] = overlay
            }
            if checkReferences {
                for followUp in overlay.followUps ?? [] {
                    checkReference(followUp, as: "follow-up", of: overlay.target, in: overlay.file)
                }
                checkSources(overlay.sources ?? [], in: overlay.file)
            }
        }
        let disabled = Set(overlayByTarget.values.filter { !$0.enabled }.map(\.target))

        // The assistant texts: one section per layer, a later layer's replacing an earlier one's.
        var assistantTexts: AssistantTexts?
        var assistantByLayer: [Int: AssistantDraft] = [:]
        for draft in assistant {
            if let first = assistantByLayer[draft.layer] {
                report(draft.file, draft.mark,
                    "a second `assistant:` section in this folder; keep only the one in \(place(first.file, first.mark))")
            } else {
                assistantByLayer[draft.layer] = draft
            }
        }
        if let chosen = assistantByLayer.max(by: { $0.key < $1.key })?.value {
            for suggestion in chosen.suggestions where checkReferences && !declaredIntentIDs.contains(suggestion.text) {
                report(chosen.file, suggestion.mark, "the suggestion '\(suggestion.text)' is not an intent; \(unknownIntent(suggestion.text))")
            }
            assistantTexts = AssistantTexts(
                fallback: chosen.fallback, clarify: chosen.clarify,
                suggestions: chosen.suggestions.map(\.text).filter { !disabled.contains($0) },
                languageSwitched: chosen.languageSwitched ?? AssistantTexts.defaultLanguageSwitched)
        } else {
            report(directory, nil,
                "no `assistant:` section with the fallback and clarify texts; add one (see Knowledge/README.md)")
        }

        // The checks of the training texts and of the red-flag rules read the draft only; each takes tens
        // of milliseconds, and every start and reload waits for them.
        let (textProblems, redFlags) = inParallel {
            duplicateQuestionProblems() + nearMissProblems() + missingTrainingProblems()
        } and: {
            validatedRedFlagRules(declaredIntents: intentsByID)
        }
        problems += textProblems
        problems += redFlags.problems

        guard problems.isEmpty, let assistantTexts else {
            throw KnowledgeBaseError(problems: problems.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) })
        }
        func texts(_ list: [(text: String, mark: Mark?)]) -> [String] { list.map(\.text) }
        func texts(_ list: Localized<[(text: String, mark: Mark?)]>) -> Localized<[String]> {
            Localized(english: texts(list.english), danish: texts(list.danish))
        }
        var switchedOff = Localized<[String]>(english: [], danish: [])
        var built: [Intent] = []
        let trainingByIntent = Dictionary(grouping: trainingSets, by: \.intent)
        for draft in intents {
            let overlay = overlayByTarget[draft.id]
            let training = trainingByIntent[draft.id] ?? []
            var questions = texts(draft.questions)
            var nearMisses = texts(draft.nearMisses)
            for language in Language.allCases {
                questions[language] += texts(overlay?.questions[language] ?? [])
                nearMisses[language] += texts(overlay?.nearMisses[language] ?? [])
                for entry in training {
                    questions[language] += texts(entry.questions[language])
                    nearMisses[language] += texts(entry.nearMisses[language])
                }
            }
            if disabled.contains(draft.id) {
                // A switched-off intent's questions teach the classifier to decline them.
                for language in Language.allCases { switchedOff[language] += questions[language] }
                continue
            }
            built.append(
                Intent(
                    id: draft.id, title: overlay?.title ?? draft.title, answer: overlay?.answer ?? draft.answer,
                    questions: questions,
                    followUps: texts(overlay?.followUps ?? draft.followUps).filter { !disabled.contains($0) },
                    sources: texts(overlay?.sources ?? draft.sources),
                    urgency: draft.urgency,
                    nearMisses: nearMisses,
                    contextAnswers: Dictionary(
                        draft.contextAnswers.filter { !disabled.contains($0.context) }.map { ($0.context, $0.answer) },
                        uniquingKeysWith: { first, _ in first })))
        }
        return KnowledgeBase(
            intents: built,
            sources: sourcesByID.mapValues(\.source),
            assistant: assistantTexts,
            outOfScope: Localized(
                english: outOfScope.flatMap { texts($0.questions.english) } + switchedOff.english,
                danish: outOfScope.flatMap { texts($0.questions.danish) } + switchedOff.danish),
            redFlagRules: redFlags.rules.filter { !disabled.contains($0.intent) },
            redFlagScope: redFlags.scope,
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
                earlier.owner == owner && earlier.file == file
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
        for overlay in overlays {
            for language in Language.allCases {
                for question in overlay.questions[language] { check(question, owner: "'\(overlay.target)'", file: overlay.file) }
            }
        }
        for training in trainingSets {
            for language in Language.allCases {
                for question in training.questions[language] { check(question, owner: "'\(training.intent)'", file: training.file) }
            }
        }
        for (file, questions) in outOfScope {
            for language in Language.allCases {
                for question in questions[language] { check(question, owner: "out_of_scope", file: file) }
            }
        }
        return problems
    }

    /// A near miss is not an emergency: it may not be a training question of its own intent, nor appear twice.
    private func nearMissProblems() -> [KnowledgeBaseProblem] {
        var problems: [KnowledgeBaseProblem] = []
        let overlaysByTarget = Dictionary(grouping: overlays, by: \.target)
        let trainingByIntent = Dictionary(grouping: trainingSets, by: \.intent)
        for intent in intents {
            let changes = overlaysByTarget[intent.id] ?? []
            let training = trainingByIntent[intent.id] ?? []
            var questions: Set<String> = []
            var nearMisses: [(text: String, mark: Mark?, file: String)] = []
            for language in Language.allCases {
                for question in intent.questions[language] + changes.flatMap({ $0.questions[language] })
                    + training.flatMap({ $0.questions[language] })
                {
                    questions.insert(TextNormalizer.normalized(question.text))
                }
                nearMisses += intent.nearMisses[language].map { ($0.text, $0.mark, intent.file) }
                for change in changes { nearMisses += change.nearMisses[language].map { ($0.text, $0.mark, change.file) } }
                for entry in training { nearMisses += entry.nearMisses[language].map { ($0.text, $0.mark, entry.file) } }
            }
            var seen: Set<String> = []
            for nearMiss in nearMisses {
                let key = TextNormalizer.normalized(nearMiss.text)
                let problem: String? =
                    questions.contains(key)
                    ? "the near miss '\(nearMiss.text)' is also a training question of '\(intent.id)'; "
                        + "keep it in one list: a question is either this intent or not"
                    : !seen.insert(key).inserted ? "the near miss '\(nearMiss.text)' appears twice; remove one" : nil
                if let problem {
                    problems.append(
                        KnowledgeBaseProblem(
                            file: nearMiss.file, line: nearMiss.mark?.line ?? 0, column: nearMiss.mark?.column ?? 0,
                            message: problem))
                }
            }
        }
        return problems
    }

    /// The name in `names` closest to `name` by edits, when it is close enough to be a slip.
    static func nearest(to name: String, among names: [String]) -> String? {
        let target = Array(name)
        var best: (name: String, distance: Int)?
        for candidate in names {
            let distance = editDistance(target, Array(candidate))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= max(2, target.count / 4) else { return nil }
        return best.name
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
