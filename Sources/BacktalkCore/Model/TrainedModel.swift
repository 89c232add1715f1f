import BacktalkProtocol

/// What training makes of a knowledge base: the intent classifier, the language detector and the emergency
/// detector. Serving needs only these and the knowledge base; ``ModelFile`` keeps them on disk, keyed by
/// the ``fingerprint`` of the training inputs, so that a start or reload with unchanged inputs loads instead
/// of training.
public struct TrainedModel: Sendable {
    public let classifier: IntentClassifier
    let languages: LanguageDetector
    /// Nil when the knowledge base has no red-flag rules (no safety intents to learn).
    let emergencies: EmergencyDetector?
    /// The fingerprint of the training inputs (``fingerprint(of:options:)``).
    public let fingerprint: String

    /// A model as ``ModelFile`` reads it, or as training makes it.
    package init(classifier: IntentClassifier, languages: LanguageDetector, emergencies: EmergencyDetector?, fingerprint: String) {
        self.classifier = classifier
        self.languages = languages
        self.emergencies = emergencies
        self.fingerprint = fingerprint
    }

    /// Bumped whenever the text normaliser, the feature hashing or the training code changes what a model
    /// is, so that older models are retrained.
    static let trainingVersion = 2

    /// A digest of everything training reads: the training questions with their labels and languages, the
    /// out-of-scope examples, the near misses, which intents are safety intents, the red-flag scope words
    /// (the detector reads questions without the words they take back), the training options and
    /// ``trainingVersion``. Answers, sources, follow-ups and red-flag phrases are not in it: editing them
    /// needs no retraining.
    public static func fingerprint(of knowledge: KnowledgeBase, options: TrainingOptions) -> String {
        var digest = DigestBuilder()
        digest.add("backtalk model \(trainingVersion)")
        digest.add(options.fingerprintText)
        Answerer.forEachTrainingExample(of: knowledge) { text, label, language in
            digest.add(label)
            digest.add(language.rawValue)
            digest.add(text)
        }
        for intent in knowledge.intents {
            for language in Language.allCases {
                digest.add("near misses \(intent.id) \(language.rawValue)")
                intent.nearMisses[language].forEach { digest.add($0) }
            }
        }
        digest.add("safety")
        knowledge.safetyIntentIDs.sorted().forEach { digest.add($0) }
        let scope = knowledge.redFlagScope
        for (name, words) in [
            ("denial", scope.denial), ("symptom_after_denial", scope.symptomAfterDenial), ("past", scope.past),
            ("over", scope.over), ("clause_breaks", scope.clauseBreaks), ("list_joins", scope.listJoins),
        ] {
            digest.add(name)
            words.forEach { digest.add($0) }
        }
        return digest.hex
    }
}
