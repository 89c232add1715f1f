import BacktalkProtocol
import Yams

extension KnowledgeBaseDraft {
    /// Checks the red-flag rules (names, intents, phrases) and runs their examples against the whole net.
    /// A later folder's rule of the same name replaces an earlier one's; the scope words of every file add up.
    func validatedRedFlagRules(
        declaredIntents: [String: IntentDraft]
    ) -> (rules: [RedFlagRule], scope: RedFlagScopeWords, problems: [KnowledgeBaseProblem]) {
        var problems: [KnowledgeBaseProblem] = []
        func report(_ file: String, _ mark: Mark?, _ message: String) {
            problems.append(
                KnowledgeBaseProblem(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message))
        }
        var scope = RedFlagScopeWords.none
        for draft in redFlagScopes {
            scope.denial += draft.words.denial
            scope.symptomAfterDenial += draft.words.symptomAfterDenial
            scope.past += draft.words.past
            scope.over += draft.words.over
            scope.clauseBreaks += draft.words.clauseBreaks
            scope.listJoins += draft.words.listJoins
        }
        var chosen: [RedFlagRuleDraft] = []
        var positionOfID: [String: Int] = [:]
        for rule in redFlagRules {
            if !rule.id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                report(rule.file, rule.idMark, "the rule name '\(rule.id)' may hold only letters, digits, '-' and '_'")
            }
            if declaredIntents[rule.intent.text] == nil && !hasUnparsableFile {
                report(rule.file, rule.intent.mark,
                    "the rule '\(rule.id)' sends questions to '\(rule.intent.text)', which is not an intent; "
                        + "name a safety intent such as 'safety.red_flags.emergency'")
            }
            for language in Language.allCases {
                for phrase in rule.phrases[language] {
                    do { _ = try RedFlagPhrase(phrase.text) } catch {
                        report(rule.file, phrase.mark, "the red-flag phrase '\(phrase.text)' \(error.advice)")
                    }
                }
            }
            if let earlier = positionOfID[rule.id] {
                if chosen[earlier].layer == rule.layer {
                    report(rule.file, rule.idMark,
                        "the rule name '\(rule.id)' is already used at \(chosen[earlier].file):"
                            + "\(chosen[earlier].idMark?.line ?? 0); give each rule its own name")
                } else {
                    chosen[earlier] = rule
                }
            } else {
                positionOfID[rule.id] = chosen.count
                chosen.append(rule)
            }
        }
        let rules = chosen.map { draft in
            RedFlagRule(
                id: draft.id, intent: draft.intent.text, sign: draft.sign,
                phrases: Localized(english: draft.phrases.english.map(\.text), danish: draft.phrases.danish.map(\.text)),
                pastCounts: draft.pastCounts, fires: draft.fires.map(\.text), quiet: draft.quiet.map(\.text))
        }
        guard problems.isEmpty else { return (rules, scope, problems) }

        let net = RedFlagNet(rules: rules, scope: scope)
        for (index, draft) in chosen.enumerated() {
            for example in draft.fires where !net.rule(index, matches: example.text) {
                report(draft.file, example.mark,
                    "the rule '\(draft.id)' does not match its example '\(example.text)'; "
                        + "fix a phrase or the scope words, or move the example to another rule")
            }
            for example in draft.quiet {
                if let other = net.rule(matching: example.text) {
                    report(draft.file, example.mark,
                        "the rule '\(rules[other].id)' matches '\(example.text)', an example of what no rule may match; "
                            + "narrow that rule's phrases (an excluded '-word') or add a scope word")
                }
            }
        }
        return (rules, scope, problems)
    }

    /// Every intent needs training questions in both languages, from its own `questions:`, an `extends:`
    /// change or a `training:` entry.
    func missingTrainingProblems() -> [KnowledgeBaseProblem] {
        var counts: [String: Localized<Int>] = [:]
        func add(_ id: String, _ questions: Localized<[(text: String, mark: Mark?)]>) {
            var count = counts[id] ?? Localized(english: 0, danish: 0)
            for language in Language.allCases { count[language] += questions[language].count }
            counts[id] = count
        }
        for intent in intents { add(intent.id, intent.questions) }
        for overlay in overlays { add(overlay.target, overlay.questions) }
        for training in trainingSets { add(training.intent, training.questions) }
        var problems: [KnowledgeBaseProblem] = []
        for intent in intents {
            for language in Language.allCases where counts[intent.id]?[language] == 0 {
                problems.append(
                    KnowledgeBaseProblem(
                        file: intent.file, line: intent.idMark?.line ?? 0, column: intent.idMark?.column ?? 0,
                        message: "the intent '\(intent.id)' has no \(language.name) training questions; add a dozen or "
                            + "more under `questions:` or in a `training:` entry"))
            }
        }
        return problems
    }
}
