import BacktalkProtocol

/// A validated knowledge base, as loaded from a folder of YAML files by ``KnowledgeBaseLoader``.
public struct KnowledgeBase: Sendable {
    /// The intents, in file order.
    public var intents: [Intent]
    /// The sources, by id.
    public var sources: [String: Source]
    /// Fallback and clarification texts.
    public var assistant: AssistantTexts
    /// Questions backtalk must decline, for training.
    public var outOfScope: Localized<[String]>
    /// The red-flag rules, in file order: where several match, the first wins.
    public var redFlagRules: [RedFlagRule]
    /// The words that take a red-flag word back in its clause.
    public var redFlagScope: RedFlagScopeWords
    /// A short hex digest of the files' names and contents: it changes whenever a file does.
    public var digest: String

    /// The intent with `id`.
    public func intent(_ id: String) -> Intent? { intents.first { $0.id == id } }

    /// The position in `intents` of each intent id, for turning the ids an intent names into indexes.
    public func intentIndexes() -> [String: Int] {
        Dictionary(uniqueKeysWithValues: intents.enumerated().map { ($1.id, $0) })
    }

    /// The intents red-flag rules send questions to: the safety answers.
    public var safetyIntentIDs: Set<String> { Set(redFlagRules.map(\.intent)) }

    /// The number of training questions in `language`.
    public func questionCount(_ language: Language) -> Int {
        intents.reduce(0) { $0 + $1.questions[language].count }
    }

    /// One line for logs and `--check`: intents and training questions per language, red-flag rules.
    public var summary: String {
        let examples = redFlagRules.reduce(0) { $0 + $1.fires.count + $1.quiet.count }
        return "\(intents.count) intents, \(questionCount(.english)) English and \(questionCount(.danish)) Danish "
            + "training questions, \(outOfScope.english.count + outOfScope.danish.count) out-of-scope examples, "
            + "\(redFlagRules.count) red-flag rules (\(examples) examples checked), \(sources.count) sources "
            + "(digest \(digest))"
    }
}
