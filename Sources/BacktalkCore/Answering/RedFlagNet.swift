import BacktalkProtocol

/// A knowledge base's red-flag rules compiled for matching: the phrases of every rule under the words that
/// take them back. Built once per load; asks nothing of the classifier.
struct RedFlagNet: Sendable {
    let rules: [RedFlagRule]
    private let matcher: RedFlagMatcher
    /// The words that take red-flag words back; the emergency detector reads questions without them too.
    let scope: RedFlagScope
    private let extractor = FeatureExtractor()

    /// Compiles `rules` under `scope`; a phrase that does not compile is left out (the loader reports it).
    init(rules: [RedFlagRule], scope: RedFlagScopeWords) {
        self.rules = rules
        let scope = RedFlagScope(scope)
        self.scope = scope
        matcher = RedFlagMatcher(
            rules.enumerated().flatMap { index, rule in
                Language.allCases.flatMap { language in
                    rule.phrases[language].compactMap { written in
                        (try? RedFlagPhrase(written)).map { (phrase: $0, rule: index, pastCounts: rule.pastCounts) }
                    }
                }
            }, scope: scope)
    }

    /// The index in `rules` of the first rule the text set in `scratch` matches; leaves the text's scope
    /// marks in `scratch`.
    func rule(_ scratch: inout ClassifierScratch) -> Int? {
        scratch.redFlagRule(matcher, scope: scope, extractor: extractor)
    }

    /// The index in `rules` of the first rule `text` matches.
    func rule(matching text: String) -> Int? {
        var scratch = ClassifierScratch()
        scratch.setText(text)
        return rule(&scratch)
    }
}
