import BacktalkCore
import BacktalkProtocol
import Foundation

extension LanguageDetector {
    /// A naive Bayes model of the languages of `examples`, over `vectorizer`'s features.
    init(training examples: [(text: String, language: Language)], vectorizer: TfIdfVectorizer) {
        var counts = [[Float]](repeating: [Float](repeating: 0, count: vectorizer.featureCount), count: 2)
        var totals: [Float] = [0, 0]
        var documents: [Float] = [0, 0]
        var scratch = ClassifierScratch()
        for example in examples {
            let side = example.language == .danish ? 1 : 0
            scratch.setText(example.text)
            vectorizer.vectorize(&scratch)
            for index in scratch.vector.indices {
                counts[side][Int(index)] += 1
                totals[side] += 1
            }
            documents[side] += 1
        }
        let features = Float(vectorizer.featureCount)
        self.init(
            danishLogRatio: (0..<vectorizer.featureCount).map { index in
                logf((counts[1][index] + 1) / (totals[1] + features))
                    - logf((counts[0][index] + 1) / (totals[0] + features))
            },
            danishPrior: logf((documents[1] + 1) / (documents[0] + 1)))
    }
}
