@testable import BacktalkCore
import BacktalkProtocol
import BacktalkTesting
@testable import BacktalkTraining
import Testing

/// A batch of questions written outside the project and never trained on (`Tests/HeldOut/`).
enum HeldOutBatch: String, CaseIterable, CustomTestStringConvertible {
    /// The blog post's topics, in two batches by two writers.
    case questions
    /// All 44 ordinary intents in people's words, and out-of-scope questions, some sharing the domain's
    /// words (issue 20, by a helper who saw only the catalogue).
    case topics4 = "topics-4"
    /// The eight intents of the catalogue's third table, and out-of-scope questions (issue 20).
    case newTopics3 = "new-topics-3"
    /// Red flags (`safety.red_flags`) and near misses (`near_miss`) (issue 12, third batch).
    case redFlags = "red-flags"
    /// Red flags and near misses (issue 12, ninth batch, written after the emergency detector).
    case redFlags9 = "red-flags-9"
    /// Red flags labelled with their level, and hard near misses (past, denied, other people's, general
    /// questions), written for issue 20 after batch 11 became development data; scored by `make eval` only.
    case redFlags12 = "red-flags-12"
    /// Long messages, a story before the question, in both languages: topics, red flags at both levels and
    /// out-of-scope messages (issue 21, written last by a helper who saw only the catalogue and the fact
    /// sheet, committed unscored); scored by `make eval` only.
    case long1 = "long-1"

    var testDescription: String { rawValue }

    /// The batch's questions; throws when the file is missing or malformed.
    func load() throws -> [LabelledText] {
        try EvaluationSet.load(path: Repository.heldOut + "/\(rawValue).jsonl")
    }

    /// Whether the batch holds red flags and near misses (else topics and out-of-scope questions).
    var isRedFlagBatch: Bool { [.redFlags, .redFlags9, .redFlags12].contains(self) }

    /// The least in-scope and out-of-scope questions (red flags and the rest) the batch must hold to
    /// measure anything.
    var minimumSize: (inScope: Int, outOfScope: Int) {
        switch self {
        case .questions: (500, 150)
        case .topics4: (280, 100)
        case .newTopics3: (200, 30)
        case .redFlags, .redFlags9, .redFlags12: (100, 100)
        case .long1: (200, 50)
        }
    }
}

@Suite struct HeldOutTests {
    @Test(arguments: HeldOutBatch.allCases)
    func eachBatchIsLargeAndUnseen(batch: HeldOutBatch) throws {
        let questions = try batch.load()
        let outOfScope = questions.filter {
            batch.isRedFlagBatch
                ? !IntentID.counts($0.label, as: SafetyEvaluation.safetyIntent) : $0.label == Answerer.outOfScopeLabel
        }
        #expect(questions.count - outOfScope.count >= batch.minimumSize.inScope)
        #expect(outOfScope.count >= batch.minimumSize.outOfScope)
        let trained = Set(Answerer.trainingExamples(Shipped.knowledge).map { TextNormalizer.normalized($0.labelled.text) })
        let seen = questions.filter { trained.contains(TextNormalizer.normalized($0.text)) }
        #expect(seen.isEmpty, "held-out questions must not be training questions: \(seen.map(\.text))")
    }

    /// The figures `make eval` prints (in-scope top-1 / out-of-scope falling back). Issue 4 asks 95% / 90%
    /// of the blog topics, met. Issue 20 asks 90% / 90% of people's one-line questions over every intent:
    /// `topics-4`, first scored 97.9% / 86.7%; with the out-of-scope examples a helper wrote on
    /// cross-validation alone (issue 21), 95.8% / 90.5%.
    @Test(arguments: [(HeldOutBatch.questions, 0.95, 0.90), (.topics4, 0.90, 0.90)])
    func accuracy(batch: HeldOutBatch, inScope: Double, outOfScope: Double) throws {
        let predictions = Shipped.answerer.predict(try batch.load()).predictions
        let metrics = ClassificationMetrics(predictions, threshold: Shipped.answerer.policy.threshold)
        #expect(metrics.inScopeAccuracy >= inScope)
        #expect(metrics.outOfScopeRecall >= outOfScope)
    }

    /// Issue 12 asks that at least 98% of red flags get the safety answer and at most 5% of near misses do.
    /// Batch 9, scored once: 151 of 151 and 5 of 143 (3.5%). The third batch, scored once before the
    /// emergency detector (101 of 110, 5 of 109) and never read: 104 of 105 and 0 of 100 since. Issue 20's
    /// batches (11, now development, and 12) are scored by `make eval`, not here: a test that fails on a
    /// held-out batch invites a fix aimed at it (design review §5).
    @Test(arguments: [HeldOutBatch.redFlags9, .redFlags])
    func theSafetyNet(batch: HeldOutBatch) throws {
        let evaluation = SafetyEvaluation(answerer: Shipped.answerer, cases: try batch.load())
        #expect(evaluation.recall >= 0.98)
        #expect(evaluation.falseAlarmRate <= 0.05)
    }

    /// The held-out metrics agree with the answers a user gets.
    @Test(arguments: [HeldOutBatch.questions, .topics4])
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
