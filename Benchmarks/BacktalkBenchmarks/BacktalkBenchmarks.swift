import BacktalkCore
import BacktalkProtocol
import BacktalkTraining
import Benchmark
import Foundation

/// The shipped knowledge base, beside this package.
private let knowledgeDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Knowledge").path

/// Questions of every kind, in both languages, asked in turn.
private let questions = [
    "how often should I get a massage?", "hvor tit skal jeg have massage?",
    "does massage actually work for lower back pain", "hvad er triggerpunktsmassage og virker det",
    "my groin feels numb and my back hurts", "kan jeg kombinere massage med fysioterapi",
    "what's the weather in Aarhus tomorrow", "hej", "is a back belt a good idea for sciatica",
    "hvorfor faar man ondt i laenden af at sidde ned hele dagen",
]

/// A message of 100 words: a story of several sentences, then the question, as people write in a chat room.
private let hundredWordMessage = """
    Dear Doctor, I am 58 and have worked as a carpenter. Three weeks ago a pain started in my \
    left buttock and it now runs down the back of my leg, worse when I sit in the car. My GP said it is \
    probably a slipped disc pressing on a nerve and gave me some tablets. I have no numbness in the groin and \
    no trouble with my waterworks. I walk a little every day as she told me, and mornings are a bit better, \
    but by evening it is back. Will a disc like this heal on its own?
    """

/// The shipped knowledge base and its answerer, trained once per process, in the setup of the benchmarks
/// that answer (training takes seconds; it is measured on its own above).
private let shipped: (knowledge: KnowledgeBase, answerer: Answerer) = {
    do {
        let knowledge = try KnowledgeBaseLoader.load(directory: knowledgeDirectory)
        return (knowledge, Answerer(knowledge: knowledge))
    } catch {
        fatalError("cannot load \(knowledgeDirectory): \(error)")
    }
}()

/// Trains the shared answerer before a benchmark's samples start.
private let trainShipped: @Sendable () async throws -> Void = { _ = shipped.answerer }

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .instructions],
        timeUnits: .microseconds,
        maxDuration: .seconds(5))

    Benchmark("Load and train the shipped knowledge base", configuration: .init(timeUnits: .milliseconds, maxIterations: 20)) {
        benchmark in
        for _ in benchmark.scaledIterations {
            let knowledge = try KnowledgeBaseLoader.load(directory: knowledgeDirectory)
            blackHole(Answerer(knowledge: knowledge))
        }
    }

    Benchmark("Normalise a question", configuration: .init(timeUnits: .nanoseconds, scalingFactor: .kilo)) { benchmark in
        var output: [UInt8] = []
        output.reserveCapacity(256)
        for index in benchmark.scaledIterations {
            output.removeAll(keepingCapacity: true)
            TextNormalizer.normalize(questions[index % questions.count], into: &output)
            blackHole(output)
        }
    }

    // One question a sample, so the percentiles are those of single questions.
    Benchmark(
        "Answer a question", configuration: .init(timeUnits: .nanoseconds, maxIterations: 100_000, setup: trainShipped)
    ) { benchmark in
        let answerer = shipped.answerer
        var scratch = ClassifierScratch()
        _ = answerer.answer(questions[0], scratch: &scratch)
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(answerer.answer(questions[index % questions.count], scratch: &scratch))
        }
    }

    // The intent classifier alone: normalising, features and scoring, without the red-flag phrases, the
    // emergency detector, the language or the reply that answering adds.
    Benchmark(
        "Classify a question (intent classifier alone)",
        configuration: .init(timeUnits: .nanoseconds, maxIterations: 100_000, setup: trainShipped)
    ) { benchmark in
        let classifier = shipped.answerer.model.classifier
        var scratch = ClassifierScratch()
        scratch.setText(questions[0])
        _ = classifier.classify(&scratch)
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            scratch.setText(questions[index % questions.count])
            blackHole(classifier.classify(&scratch))
        }
    }

    Benchmark(
        "Answer a 100-word message",
        configuration: .init(timeUnits: .nanoseconds, maxIterations: 100_000, setup: trainShipped)
    ) { benchmark in
        let answerer = shipped.answerer
        var scratch = ClassifierScratch()
        precondition(hundredWordMessage.split(whereSeparator: \.isWhitespace).count == 100)
        _ = answerer.answer(hundredWordMessage, scratch: &scratch)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(answerer.answer(hundredWordMessage, scratch: &scratch))
        }
    }

    Benchmark(
        "Decode a request and encode its answer",
        configuration: .init(timeUnits: .nanoseconds, scalingFactor: .kilo, setup: trainShipped)
    ) { benchmark in
        let answerer = shipped.answerer
        let encoder = ReplyEncoder(knowledge: shipped.knowledge)
        let answer = answerer.answer(questions[0])
        let request = Array(#"{"id":"42","type":"ask","text":"how often should I get a massage?","lang":"en"}"#.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            output.removeAll(keepingCapacity: true)
            blackHole(RequestDecoder.decode(request))
            encoder.encode(answer, id: "42", to: &output)
            blackHole(output)
        }
    }
}
