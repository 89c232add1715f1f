import BacktalkProtocol
extension Answerer {
    /// Predicts every text of `cases` the way a user meets the answerer (red flags first; a clarification
    /// counts as its leading intent), with no threshold applied, so that metrics can apply any threshold:
    /// the predicted label is the intent id, or `oos` when the out-of-scope examples win.
    /// - Returns: the predictions and the microseconds each took, in the order of `cases`.
    public func predict(_ cases: [LabelledText]) -> (predictions: [CrossValidation.Prediction], microseconds: [Double]) {
        var scratch = ClassifierScratch()
        for item in cases.prefix(100) { _ = answer(item.text, language: nil, threshold: 0, scratch: &scratch) }
        let clock = ContinuousClock()
        var microseconds: [Double] = []
        microseconds.reserveCapacity(cases.count)
        let predictions = cases.map { item in
            let start = clock.now
            let answer = answer(item.text, language: nil, threshold: 0, scratch: &scratch)
            let elapsed = clock.now - start
            microseconds.append(elapsed.inSeconds * 1e6)
            let predicted = answer.replyType == .fallback ? Self.outOfScopeLabel : answer.intent.map { knowledge.intents[$0].id }
            return CrossValidation.Prediction(
                expected: item.label, predicted: predicted ?? Self.outOfScopeLabel,
                confidence: answer.replyType == .fallback ? 0 : answer.confidence, text: item.text)
        }
        return (predictions, microseconds)
    }
}
