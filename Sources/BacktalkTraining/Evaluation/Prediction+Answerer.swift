import BacktalkCore
import BacktalkProtocol

extension Answerer {
    /// Predicts every text of `cases` the way a user meets the answerer (red flags first; a clarification
    /// counts as its leading intent), with no threshold applied, so that metrics can apply any threshold:
    /// the predicted label is the intent id (the expected one for a dotted child of it, such as a safety
    /// level), or `oos` when the out-of-scope examples win.
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
            let answered = answer.replyType == .fallback ? nil : answer.intent.map { knowledge.intents[$0].id }
            // A finer intent under the expected one (a safety level under `safety.red_flags`) counts as it.
            let predicted = answered.map { IntentID.counts($0, as: item.label) ? item.label : $0 } ?? Self.outOfScopeLabel
            var prediction = CrossValidation.Prediction(
                expected: item.label, predicted: predicted,
                confidence: answer.replyType == .fallback ? 0 : answer.confidence, text: item.text)
            if let also = item.also {
                prediction.also = also
                var first: Int?
                offered.forEach(in: answer) { first = first ?? $0 }
                prediction.offeredFirst = first.map { knowledge.intents[$0].id }
            }
            return prediction
        }
        return (predictions, microseconds)
    }
}
