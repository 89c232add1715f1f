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

    /// Trains on `knowledge`: its training questions and out-of-scope examples, and, for the emergency
    /// detector, the questions of the intents its red-flag rules answer with against all others and the near
    /// misses.
    /// The intent classifier's weights and the detectors train at the same time, on two threads.
    public init(training knowledge: KnowledgeBase, options: TrainingOptions = .withOutOfScopeClass) {
        let examples = Answerer.trainingExamples(knowledge)
        let trainingSet = ClassifierTrainingSet(examples.map(\.labelled), options: options)
        let (model, detectors) = inParallel {
            trainingSet.fitModel(options: options)
        } and: {
            Self.trainDetectors(knowledge: knowledge, examples: examples, vectorizer: trainingSet.vectorizer, options: options)
        }
        classifier = IntentClassifier(trainingSet: trainingSet, model: model)
        (languages, emergencies) = detectors
        fingerprint = Self.fingerprint(of: knowledge, options: options)
    }

    /// The language detector, and the emergency detector unless `knowledge` has no safety intents.
    private static func trainDetectors(
        knowledge: KnowledgeBase, examples: [(labelled: LabelledText, language: Language)], vectorizer: TfIdfVectorizer,
        options: TrainingOptions
    ) -> (LanguageDetector, EmergencyDetector?) {
        let languages = LanguageDetector(
            training: examples.map { ($0.labelled.text, $0.language) }, vectorizer: vectorizer)
        let safetyIntents = knowledge.safetyIntentIDs
        guard !safetyIntents.isEmpty else { return (languages, nil) }
        var emergencyTexts: [String] = []
        var ordinaryTexts: [String] = []
        for example in examples {
            if safetyIntents.contains(example.labelled.label) {
                emergencyTexts.append(example.labelled.text)
            } else {
                ordinaryTexts.append(example.labelled.text)
            }
        }
        ordinaryTexts += knowledge.intents.flatMap { intent in Language.allCases.flatMap { intent.nearMisses[$0] } }
        let emergencies = EmergencyDetector(
            vectorizer: vectorizer, scope: RedFlagScope(knowledge.redFlagScope), emergencies: emergencyTexts,
            ordinary: ordinaryTexts, options: options)
        return (languages, emergencies)
    }

    /// A model as ``ModelFile`` reads it.
    init(classifier: IntentClassifier, languages: LanguageDetector, emergencies: EmergencyDetector?, fingerprint: String) {
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
        for example in Answerer.trainingExamples(knowledge) {
            digest.add(example.labelled.label)
            digest.add(example.language.rawValue)
            digest.add(example.labelled.text)
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
