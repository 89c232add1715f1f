import BacktalkProtocol

/// A knowledge base's red-flag rules compiled for matching: the phrases of every rule under the words that
/// take them back. Built once per load; asks nothing of the classifier.
struct RedFlagNet: Sendable {
    let rules: [RedFlagRule]
    private let matcher: RedFlagMatcher
    /// Each compiled phrase as written, in the matcher's order.
    private let writtenPhrases: [String]
    /// The words that take red-flag words back; the emergency detector reads questions without them too.
    let scope: RedFlagScope
    private let extractor = FeatureExtractor()

    /// Compiles `rules` under `scope`; a phrase that does not compile is left out (the loader reports it).
    init(rules: [RedFlagRule], scope: RedFlagScopeWords) {
        self.rules = rules
        let scope = RedFlagScope(scope)
        self.scope = scope
        let compiled = rules.enumerated().flatMap { index, rule in
            Language.allCases.flatMap { language in
                rule.phrases[language].compactMap { written in
                    (try? RedFlagPhrase(written)).map { (written: written, phrase: $0, rule: index, pastCounts: rule.pastCounts) }
                }
            }
        }
        writtenPhrases = compiled.map(\.written)
        matcher = RedFlagMatcher(compiled.map { ($0.phrase, $0.rule, $0.pastCounts) }, scope: scope)
    }

    /// The index in `rules` of the first rule the text set in `scratch` matches; leaves the text's scope
    /// marks in `scratch`.
    func rule(_ scratch: inout ClassifierScratch) -> Int? {
        scratch.redFlagMatch(matcher, scope: scope, extractor: extractor)?.rule
    }

    /// The index in `rules` of the first rule `text` matches, with the phrase that matched as written.
    func match(_ text: String) -> (rule: Int, phrase: String)? {
        var scratch = ClassifierScratch()
        scratch.setText(text)
        return scratch.redFlagMatch(matcher, scope: scope, extractor: extractor).map { ($0.rule, writtenPhrases[$0.phrase]) }
    }

    /// The index in `rules` of the first rule `text` matches.
    func rule(matching text: String) -> Int? {
        match(text)?.rule
    }

    /// Whether a phrase of the rule at `index` in `rules` matches `text`, whichever rule would come first.
    func rule(_ index: Int, matches text: String) -> Bool {
        var scratch = ClassifierScratch()
        scratch.setText(text)
        return scratch.redFlagMatch(matcher, scope: scope, extractor: extractor, onlyRule: index) != nil
    }
}
