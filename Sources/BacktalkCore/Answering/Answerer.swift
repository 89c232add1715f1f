import BacktalkProtocol

/// A knowledge base with its trained model: turns a question into an ``Answer``. Built once per load,
/// immutable, and shared by every connection.
public final class Answerer: Sendable {
    /// The label that out-of-scope examples are trained under.
    public static let outOfScopeLabel = "oos"

    public let knowledge: KnowledgeBase
    /// What training made of the knowledge base.
    public let model: TrainedModel
    public let classifier: IntentClassifier
    public let policy: AnswerPolicy
    /// The intent index of each classifier label; nil for the out-of-scope label.
    private let intentOfLabel: [Int?]
    /// The classifier's index of the out-of-scope label, when the knowledge base has such examples.
    private let outOfScopeLabelIndex: Int?
    private let languageDetector: LanguageDetector
    private let redFlags: RedFlagNet
    /// The intent index of each red-flag rule.
    private let intentOfRule: [Int]
    /// The intents red-flag rules send questions to (the safety answers).
    private let phraseIntents: Set<Int>
    /// Whether a question without a red-flag phrase is about an emergency; nil without phrase intents.
    private let emergencies: EmergencyDetector?
    /// What each reply offers next, numbered as the reply lists it.
    package let offered: OfferedIntents
    /// For each intent, the intents it has an answer in the context of.
    let contextsOfIntent: [Set<Int>]

    /// Answers `knowledge`'s questions with `model`, trained on it (its fingerprint is the knowledge base's).
    public init(knowledge: KnowledgeBase, model: TrainedModel, policy: AnswerPolicy = AnswerPolicy()) {
        self.knowledge = knowledge
        self.model = model
        self.policy = policy
        classifier = model.classifier
        languageDetector = model.languages
        emergencies = model.emergencies
        let intentIndex = knowledge.intentIndexes()
        intentOfLabel = classifier.labels.map { intentIndex[$0] }
        offered = OfferedIntents(knowledge: knowledge)
        contextsOfIntent = knowledge.intents.map { Set($0.contextAnswers.keys.compactMap { intentIndex[$0] }) }
        outOfScopeLabelIndex = classifier.labels.firstIndex(of: Self.outOfScopeLabel)
        redFlags = RedFlagNet(rules: knowledge.redFlagRules, scope: knowledge.redFlagScope)
        intentOfRule = knowledge.redFlagRules.map { rule in
            guard let index = intentIndex[rule.intent] else {
                preconditionFailure("the loader refuses a red-flag rule whose intent '\(rule.intent)' does not exist")
            }
            return index
        }
        phraseIntents = Set(intentOfRule)
    }

    /// Every training question of `knowledge` with its label and language.
    public static func trainingExamples(_ knowledge: KnowledgeBase) -> [(labelled: LabelledText, language: Language)] {
        var examples: [(labelled: LabelledText, language: Language)] = []
        forEachTrainingExample(of: knowledge) { text, label, language in
            examples.append((LabelledText(text: text, label: label), language))
        }
        return examples
    }

    /// Calls `body` with every training question of `knowledge`, its label and its language, in the order
    /// training reads them (the fingerprint reads them so, without collecting them).
    public static func forEachTrainingExample(
        of knowledge: KnowledgeBase, _ body: (_ text: String, _ label: String, _ language: Language) -> Void
    ) {
        for intent in knowledge.intents {
            for language in Language.allCases {
                for question in intent.questions[language] { body(question, intent.id, language) }
            }
        }
        for language in Language.allCases {
            for question in knowledge.outOfScope[language] { body(question, outOfScopeLabel, language) }
        }
    }

    /// Decides the reply to `text`, in `language` when given, else in the language the question is in.
    public func answer(_ text: String, language: Language? = nil, scratch: inout ClassifierScratch) -> Answer {
        answer(text, language: language, threshold: policy.threshold, scratch: &scratch)
    }

    /// Decides the reply to `text` with `threshold` in place of the policy's; when the language is not
    /// forced, a question that reads as well in both languages is answered in `preferredLanguage`.
    package func answer(
        _ text: String, language: Language?, threshold: Float, preferredLanguage: Language? = nil,
        scratch: inout ClassifierScratch
    ) -> Answer {
        var best: ScoredLabel
        scratch.setText(text)
        if policy.questionWeight > 0, let question = scratch.questionSentence {
            // The question's own sentence first, then the whole message, whose words the safety net reads.
            // The mix decides, unless it would fall back where the whole message alone would not: a vague
            // question ("may she keep training?") must not cost the story's answer.
            classifier.classify(&scratch, range: question)
            swap(&scratch.scores, &scratch.questionScores)
            best = classifier.classify(&scratch)
            let mixed = scratch.mixQuestionScores(weight: policy.questionWeight)
            if mixed.confidence >= policy.threshold || best.confidence < policy.threshold {
                scratch.keepMix()
                best = mixed
            }
        } else {
            best = classifier.classify(&scratch)
        }
        let replyLanguage =
            language ?? languageDetector.language(of: text, scratch: scratch, preferring: preferredLanguage)
        var ranked = scratch.topLabels(4, excluding: outOfScopeLabelIndex).compactMap { scored in
            intentOfLabel[scored.label].map { (intent: $0, confidence: scored.confidence) }
        }
        var bestIntent = intentOfLabel[best.label]
        var bestConfidence = best.confidence

        if let rule = redFlags.rule(&scratch) {
            let flagged = intentOfRule[rule]
            let asked = bestIntent.flatMap { $0 != flagged && best.confidence >= threshold ? $0 : nil }
            return Answer(
                kind: .answer(flagged), confidence: 1, language: replyLanguage,
                safety: SafetyMark(urgency: urgency(of: flagged), decidedBy: .phrase),
                alsoAsked: asked, alternatives: Self.shown(ranked.filter { $0.intent != flagged }),
                redFlagRule: knowledge.redFlagRules[rule].id)
        }
        let emergency = emergencies?.emergencyProbability(&scratch) ?? 0
        if emergency >= policy.safetyCertainty,
            let safety = ranked.first(where: { phraseIntents.contains($0.intent) })?.intent ?? phraseIntents.min()
        {
            return Answer(
                kind: .answer(safety), confidence: emergency, language: replyLanguage,
                safety: SafetyMark(urgency: urgency(of: safety), decidedBy: .detector), alsoAsked: nil,
                alternatives: Self.shown(ranked.filter { $0.intent != safety }))
        }
        // Only a rule or the detector gives a safety answer; the classifier's vote for one offers nothing.
        ranked.removeAll { phraseIntents.contains($0.intent) }
        if let unsure = bestIntent, phraseIntents.contains(unsure) {
            let outOfScope = outOfScopeLabelIndex.map { scratch.probabilities[$0] } ?? 0
            if let next = ranked.first, next.confidence > outOfScope {
                (bestIntent, bestConfidence) = (next.intent, next.confidence)
            } else {
                (bestIntent, bestConfidence) = (nil, outOfScope)
            }
        }
        guard let intent = bestIntent, bestConfidence >= threshold else {
            return Answer(
                kind: .fallback(mostLikely: ranked.first?.intent), confidence: ranked.first?.confidence ?? 0,
                language: replyLanguage, safety: nil, alsoAsked: nil,
                alternatives: Self.shown(ranked.dropFirst()))
        }
        let alternatives = Self.shown(ranked.dropFirst())
        // Two questions make two close intents: the first is answered and the other offered, not asked back.
        if let runnerUp = alternatives.first, !scratch.asksTwoQuestions,
            asksBack(best: bestConfidence, runnerUp: runnerUp.confidence, oneWord: scratch.isOneWord)
        {
            return Answer(
                kind: .clarify(first: intent, second: runnerUp.intent), confidence: bestConfidence,
                language: replyLanguage, safety: nil, alsoAsked: nil, alternatives: alternatives)
        }
        return Answer(
            kind: .answer(intent), confidence: bestConfidence, language: replyLanguage, safety: nil,
            alsoAsked: otherQuestion(besides: intent, threshold: threshold, scratch: &scratch), alternatives: alternatives)
    }

    /// The topic of the other question of a message that asks two in sentences of their own ("… How long
    /// does it last? And can I work?"), when it is another than `answered`: offered as the first follow-up.
    /// Classifies in `scratch`, so comes last.
    private func otherQuestion(besides answered: Int, threshold: Float, scratch: inout ClassifierScratch) -> Int? {
        guard policy.questionWeight > 0, let first = scratch.questionSentence(from: 0),
            let second = scratch.questionSentence(from: first.upperBound)
        else { return nil }
        for sentence in [second, first] {
            classifier.classify(&scratch, range: sentence)
            var best: (intent: Int, confidence: Float)?
            for (label, probability) in scratch.scores.enumerated() where probability > (best?.confidence ?? threshold) {
                if let intent = intentOfLabel[label], !phraseIntents.contains(intent) { best = (intent, probability) }
            }
            if let best, best.intent != answered { return best.intent }
        }
        return nil
    }

    /// Whether the reply asks which of the two best intents was meant: they are close, or the question is
    /// one word and the best is not clearly ahead.
    private func asksBack(best: Float, runnerUp: Float, oneWord: Bool) -> Bool {
        best - runnerUp < policy.clarifyMargin || (oneWord && best < policy.oneWordCertainty)
    }

    /// The alternatives worth offering: up to three, leaving out those that would print as 0.0000.
    private static func shown(
        _ ranked: some Sequence<(intent: Int, confidence: Float)>
    ) -> [(intent: Int, confidence: Float)] {
        Array(ranked.filter { $0.confidence >= 0.00005 }.prefix(3))
    }

    /// Decides the reply to `text` with a scratch of its own.
    public func answer(_ text: String, language: Language? = nil) -> Answer {
        var scratch = ClassifierScratch()
        return answer(text, language: language, scratch: &scratch)
    }

    /// The red-flag rule `text` matches, by name, and the phrase of it that matched, as written; for people
    /// who edit the rules (`backtalkd eval --safety`).
    public func redFlagMatch(_ text: String) -> (rule: String, phrase: String)? {
        redFlags.match(text).map { (knowledge.redFlagRules[$0.rule].id, $0.phrase) }
    }

    /// The urgency of the safety intent at `index` (`urgent` when the knowledge base does not say).
    private func urgency(of index: Int) -> Urgency {
        knowledge.intents[index].urgency ?? .urgent
    }
}
