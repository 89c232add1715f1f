import BacktalkCore
import Logging

/// The reply to one request line: its bytes now, or later (a reload answers when it is done).
enum PendingReply {
    case now
    /// Called once, on any thread, with the reply line.
    case later(register: (@escaping @Sendable ([UInt8]) -> Void) -> Void)
}

/// Turns one request line into one reply line: decode, check who may ask, answer, encode. Plain Swift,
/// one per connection, so its buffers are reused from request to request.
struct RequestResponder {
    private let state: ServiceState
    private let logger: Logger
    private let logQuestions: Bool
    /// Whether the peer is root or the daemon's own user, who may send administrative requests.
    private let peerIsAdministrator: Bool
    private var scratch = ClassifierScratch()

    init(state: ServiceState, logger: Logger, logQuestions: Bool, peerIsAdministrator: Bool) {
        self.state = state
        self.logger = logger
        self.logQuestions = logQuestions
        self.peerIsAdministrator = peerIsAdministrator
    }

    /// Appends the reply to `line` (one request, without its newline) to `output`, or says it comes later.
    mutating func respond(to line: UnsafeRawBufferPointer, into output: inout [UInt8]) -> PendingReply {
        switch RequestDecoder.decode(line) {
        case .failure(let error):
            refuse(error, into: &output)
        case .success(let request) where request.isAdministrative && !peerIsAdministrator:
            refuse(
                ProtocolError(
                    .forbidden, "only root or the service's own user may send \"\(request.typeName)\"", id: request.id),
                into: &output)
        case .success(let request):
            let snapshot = state.snapshot
            switch request {
            case .ask(let id, let text, let language, let session):
                let answer =
                    if let session {
                        state.answer(text, language: language, session: session, answerer: snapshot.answerer, scratch: &scratch)
                    } else {
                        snapshot.answerer.answer(text, language: language, scratch: &scratch)
                    }
                count(answer, answerer: snapshot.answerer)
                log(answer, text: text, answerer: snapshot.answerer)
                snapshot.encoder.encode(answer, id: id, to: &output)
            case .status(let id):
                state.countRequest(request.typeName)
                snapshot.encoder.encodeStatus(state.status(of: snapshot), id: id, to: &output)
            case .intents(let id):
                state.countRequest(request.typeName)
                snapshot.encoder.encodeIntents(id: id, to: &output)
            case .stats(let id):
                state.countRequest(request.typeName)
                ReplyEncoder.encode(state.currentCounters, id: id, to: &output)
            case .reload(let id):
                state.countRequest(request.typeName)
                let state = self.state
                return .later { deliver in
                    state.requestReload { outcome in deliver(Self.encode(outcome, id: id)) }
                }
            }
        }
        return .now
    }

    /// Appends the `line_too_long` error.
    func refuseLongLine(limit: Int, into output: inout [UInt8]) {
        refuse(
            ProtocolError(
                .lineTooLong, "the request line is longer than \(limit) bytes and was skipped; send shorter questions"),
            into: &output)
    }

    private func refuse(_ error: ProtocolError, into output: inout [UInt8]) {
        state.countRequest("error")
        state.count { $0.errors[error.code.rawValue, default: 0] += 1 }
        logger.debug("request refused", metadata: ["code": "\(error.code.rawValue)"])
        ReplyEncoder.encode(error, to: &output)
    }

    private static func encode(_ outcome: ReloadOutcome, id: String?) -> [UInt8] {
        var output: [UInt8] = []
        switch outcome {
        case .reloaded(let snapshot):
            snapshot.encoder.encodeReloaded(id: id, loadSeconds: snapshot.loadSeconds, to: &output)
        case .refused(let error):
            let shown = error.problems.prefix(5).map(\.description).joined(separator: "; ")
            ReplyEncoder.encode(
                ProtocolError(
                    .reloadRefused,
                    "the knowledge base has \(error.problems.count) problem(s) and was not loaded; the previous one "
                        + "keeps answering. Fix them (backtalkd --check lists them all): \(shown)", id: id),
                to: &output)
        }
        return output
    }

    /// Counts an answered `ask`, its kind and its intent, under one lock.
    private func count(_ answer: Answer, answerer: Answerer) {
        let kind = answer.safety ? "safety" : answer.kind.rawValue
        let countsIntent = answer.kind == .answer || answer.kind == .clarify
        let intent = countsIntent ? answer.intent.map { answerer.knowledge.intents[$0].id } : nil
        state.countRequest("ask") { counters in
            counters.answers[kind, default: 0] += 1
            if let intent { counters.intents[intent, default: 0] += 1 }
        }
    }

    private func log(_ answer: Answer, text: String, answerer: Answerer) {
        guard logger.logLevel <= .debug || logQuestions else { return }
        let knowledge = answerer.knowledge
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

extension Request {
    /// The request's `type` on the wire.
    var typeName: String {
        switch self {
        case .ask: "ask"
        case .status: "status"
        case .intents: "intents"
        case .reload: "reload"
        case .stats: "stats"
        }
    }
}
