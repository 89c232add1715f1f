/// How an answerer does on labelled questions it was not trained on, the way a user meets it: an
/// in-scope question counts as right when the reply is about its intent (an answer or a clarification
/// led by it; a finer child intent counts as its parent), an out-of-scope one when the reply falls back.
public struct HeldOutEvaluation: Sendable {
    /// A question the answerer got wrong.
    public struct Miss: Sendable {
        public var text: String
        public var expected: String
        /// The intent answered, or `fallback`.
        public var got: String
    }

    public private(set) var inScopeTotal = 0
    public private(set) var inScopeCorrect = 0
    public private(set) var outOfScopeTotal = 0
    public private(set) var outOfScopeFallbacks = 0
    public private(set) var misses: [Miss] = []

    /// Scores `answerer` on `cases`.
    public init(answerer: Answerer, cases: [LabelledText]) {
        var scratch = ClassifierScratch()
        let intents = answerer.knowledge.intents
        for item in cases {
            let answer = answerer.answer(item.text, scratch: &scratch)
            let got = answer.kind == .fallback ? "fallback" : answer.intent.map { intents[$0].id } ?? "fallback"
            if item.label == Answerer.outOfScopeLabel {
                outOfScopeTotal += 1
                if answer.kind == .fallback { outOfScopeFallbacks += 1 } else { misses.append(Miss(text: item.text, expected: item.label, got: got)) }
            } else {
                inScopeTotal += 1
                if got == item.label || got.hasPrefix(item.label + ".") {
                    inScopeCorrect += 1
                } else {
                    misses.append(Miss(text: item.text, expected: item.label, got: got))
                }
            }
        }
    }

    /// The share of in-scope questions answered with their intent.
    public var inScopeAccuracy: Double { inScopeTotal == 0 ? 0 : Double(inScopeCorrect) / Double(inScopeTotal) }
    /// The share of out-of-scope questions that fell back.
    public var outOfScopeRecall: Double {
        outOfScopeTotal == 0 ? 0 : Double(outOfScopeFallbacks) / Double(outOfScopeTotal)
    }
}
