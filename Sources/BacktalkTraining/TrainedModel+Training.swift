import BacktalkCore
import BacktalkProtocol

extension TrainedModel {
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
        self.init(
            classifier: IntentClassifier(trainingSet: trainingSet, model: model), languages: detectors.0,
            emergencies: detectors.1, fingerprint: Self.fingerprint(of: knowledge, options: options))
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
}
