import BacktalkCore
import BacktalkProtocol

extension IntentClassifier {
    /// Predicts every text of `cases`, timing each classification alone (after one warm-up pass).
    /// - Returns: the predictions and the microseconds each took, in the order of `cases`.
    public func predict(_ cases: [LabelledText]) -> (predictions: [CrossValidation.Prediction], microseconds: [Double]) {
        var scratch = ClassifierScratch()
        for item in cases.prefix(200) {
            scratch.setText(item.text)
            classify(&scratch)
        }
        var predictions: [CrossValidation.Prediction] = []
        var microseconds: [Double] = []
        predictions.reserveCapacity(cases.count)
        microseconds.reserveCapacity(cases.count)
        let clock = ContinuousClock()
        for item in cases {
            let start = clock.now
            scratch.setText(item.text)
            let best = classify(&scratch)
            let elapsed = clock.now - start
            microseconds.append(elapsed.inSeconds * 1e6)
            predictions.append(
                CrossValidation.Prediction(
                    expected: item.label, predicted: labels[best.label], confidence: best.confidence, text: item.text))
        }
        return (predictions, microseconds)
    }
}
