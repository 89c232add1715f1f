@testable import BacktalkCore
import BacktalkProtocol
import Testing

/// A batch of questions written outside the project and never trained on (`Tests/HeldOut/`).
enum HeldOutBatch: String, CaseIterable, CustomTestStringConvertible {
    /// The blog post's topics, in two batches by two writers.
    case questions
    /// All 37 intents in people's words, and out-of-scope questions, some sharing the domain's words
    /// (issue 12, third batch).
    case topics
    /// Red flags (`safety.red_flags`) and near misses (`near_miss`) (issue 12, third batch).
    case redFlags = "red-flags"
    /// Red flags and near misses (issue 12, ninth batch, written after the emergency detector).
    case redFlags9 = "red-flags-9"

    var testDescription: String { rawValue }

    /// The batch's questions; throws when the file is missing or malformed.
    func load() throws -> [LabelledText] {
        try EvaluationSet.load(path: Repository.heldOut + "/\(rawValue).jsonl")
    }

    /// The least in-scope and out-of-scope questions the batch must hold to measure anything.
    var minimumSize: (inScope: Int, outOfScope: Int) {
        switch self {
        case .questions: (500, 150)
        case .topics: (180, 100)
        case .redFlags, .redFlags9: (100, 100)
        }
    }
}

@Suite struct HeldOutTests {
    @Test(arguments: HeldOutBatch.allCases)
    func eachBatchIsLargeAndUnseen(batch: HeldOutBatch) throws {
        let questions = try batch.load()
        let outOfScope = questions.filter { [Answerer.outOfScopeLabel, "near_miss"].contains($0.label) }
        #expect(questions.count - outOfScope.count >= batch.minimumSize.inScope)
        #expect(outOfScope.count >= batch.minimumSize.outOfScope)
        let trained = Set(Answerer.trainingExamples(Shipped.knowledge).map { TextNormalizer.normalized($0.labelled.text) })
        let seen = questions.filter { trained.contains(TextNormalizer.normalized($0.text)) }
        #expect(seen.isEmpty, "held-out questions must not be training questions: \(seen.map(\.text))")
    }

    /// The figures `make eval` prints (in-scope top-1 / out-of-scope falling back). Issue 4 asks 95% / 90%
    /// of the blog topics, met. Issue 12 asks 90% / 90% of `topics`: measured once when the third batch was
    /// scored, 98.4% / 91.3%, met.
    @Test(arguments: [(HeldOutBatch.questions, 0.95, 0.90), (.topics, 0.90, 0.90)])
    func accuracy(batch: HeldOutBatch, inScope: Double, outOfScope: Double) throws {
        let predictions = Shipped.answerer.predict(try batch.load()).predictions
        let metrics = ClassificationMetrics(predictions, threshold: Shipped.answerer.policy.threshold)
        #expect(metrics.inScopeAccuracy >= inScope)
        #expect(metrics.outOfScopeRecall >= outOfScope)
    }

    /// Issue 12 asks that at least 98% of red flags get the safety answer and at most 5% of near misses do.
    /// Batch 9, scored once: 151 of 151 and 5 of 143 (3.5%). The third batch, scored once before the
    /// emergency detector (101 of 110, 5 of 109) and never read: 104 of 105 and 0 of 100 since.
    @Test(arguments: [HeldOutBatch.redFlags9, .redFlags])
    func theSafetyNet(batch: HeldOutBatch) throws {
        let evaluation = SafetyEvaluation(answerer: Shipped.answerer, cases: try batch.load())
        #expect(evaluation.recall >= 0.98)
        #expect(evaluation.falseAlarmRate <= 0.05)
    }

    /// The held-out metrics agree with the answers a user gets.
    @Test(arguments: [HeldOutBatch.questions, .topics])
    func predictionsMatchAnswers(batch: HeldOutBatch) throws {
        var scratch = ClassifierScratch()
        let questions = try batch.load()
        let predictions = Shipped.answerer.predict(questions).predictions
        for (item, prediction) in zip(questions, predictions) {
            let answer = Shipped.answerer.answer(item.text, scratch: &scratch)
            let fellBack = prediction.predicted == Answerer.outOfScopeLabel
                || prediction.confidence < Shipped.answerer.policy.threshold
            #expect(fellBack == (answer.replyType == .fallback), "\(item.text)")
        }
    }
}
