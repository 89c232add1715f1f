import BacktalkCore
import Logging

/// Turns one request line into one reply line: decode, answer, encode. Plain Swift, one per connection,
/// so its buffers are reused from request to request.
public struct RequestResponder {
    private let state: ServiceState
    private let logger: Logger
    private let logQuestions: Bool
    private var scratch = ClassifierScratch()

    public init(state: ServiceState, logger: Logger, logQuestions: Bool) {
        self.state = state
        self.logger = logger
        self.logQuestions = logQuestions
    }

    /// Appends the reply to `line` (one request, without its newline) to `output`.
    public mutating func respond(to line: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        state.countRequest()
        switch RequestDecoder.decode(line) {
        case .failure(let error):
            logger.debug("request refused", metadata: ["code": "\(error.code.rawValue)"])
            ReplyEncoder.encode(error, to: &output)
        case .success(let request):
            let snapshot = state.snapshot
            switch request {
            case .ask(let id, let text, let language):
                let answer = snapshot.answerer.answer(text, language: language, scratch: &scratch)
                log(answer, text: text, knowledge: snapshot.answerer.knowledge)
                snapshot.encoder.encode(answer, id: id, to: &output)
            case .status(let id):
                snapshot.encoder.encodeStatus(state.status(of: snapshot), id: id, to: &output)
            case .intents(let id):
                snapshot.encoder.encodeIntents(id: id, to: &output)
            }
        }
    }

    /// Appends the `line_too_long` error.
    public func refuseLongLine(limit: Int, into output: inout [UInt8]) {
        state.countRequest()
        let error = ProtocolError(
            .lineTooLong, "the request line is longer than \(limit) bytes and was skipped; send shorter questions")
        ReplyEncoder.encode(error, to: &output)
    }

    private func log(_ answer: Answer, text: String, knowledge: KnowledgeBase) {
        guard logger.logLevel <= .debug || logQuestions else { return }
        var metadata: Logger.Metadata = [
            "kind": "\(answer.kind.rawValue)",
            "intent": "\(answer.intent.map { knowledge.intents[$0].id } ?? "none")",
            "confidence": "\(answer.confidence)",
            "lang": "\(answer.language.rawValue)",
        ]
        if logQuestions {
            metadata["question"] = "\(text)"
            logger.info("answered", metadata: metadata)
        } else {
            logger.debug("answered", metadata: metadata)
        }
    }
}
