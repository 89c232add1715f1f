extension Answerer {
    /// Predicts every text of `cases` the way a user meets the answerer (red flags first; a clarification
    /// counts as its leading intent), with no threshold applied, so that metrics can apply any threshold:
    /// the predicted label is the intent id, or `oos` when the out-of-scope examples win.
    public func predict(_ cases: [LabelledText]) -> [CrossValidation.Prediction] {
        var scratch = ClassifierScratch()
        return cases.map { item in
            let answer = answer(item.text, language: nil, threshold: 0, scratch: &scratch)
            let predicted = answer.kind == .fallback ? Self.outOfScopeLabel : answer.intent.map { knowledge.intents[$0].id }
            return CrossValidation.Prediction(
                expected: item.label, predicted: predicted ?? Self.outOfScopeLabel,
                confidence: answer.kind == .fallback ? 0 : answer.confidence, text: item.text)
        }
    }
}
