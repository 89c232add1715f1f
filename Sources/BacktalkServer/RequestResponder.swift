import BacktalkCore
import BacktalkProtocol
import Logging
import NIOCore

/// The reply to one request line: its bytes now, or later (a reload answers when it is done).
enum PendingReply {
    /// The reply was appended to the output.
    case now
    /// A `reload` with this id: its reply comes from ``RequestResponder/reload(id:on:)`` when it is done.
    case reload(id: String?)
}

/// Turns one request line into one reply line: decode, check who may ask, answer, encode. Plain Swift,
/// one per connection, so its buffers are reused from request to request.
struct RequestResponder {
    private let state: ServiceState
    private let logger: Logger
    private let logQuestions: Bool
    /// Who sent the requests: root and the daemon's own user may administer, and sessions are the peer's own.
    private let peer: PeerCredentials
    private var scratch = ClassifierScratch()

    init(state: ServiceState, logger: Logger, logQuestions: Bool, peer: PeerCredentials) {
        self.state = state
        self.logger = logger
        self.logQuestions = logQuestions
        self.peer = peer
    }

    /// Appends the reply to `line` (one request, without its newline) to `output`, or says it comes later.
    mutating func respond(to line: UnsafeRawBufferPointer, into output: inout [UInt8]) -> PendingReply {
        switch RequestDecoder.decode(line) {
        case .failure(let error):
            refuse(error, into: &output)
        case .success(let request) where request.isAdministrative && !peer.isAdministrator:
            refuse(
                ProtocolError(
                    .forbidden, "only root or the service's own user may send \"\(request.type.rawValue)\"", id: request.id),
                into: &output)
        case .success(let request):
            let snapshot = state.knowledge.snapshot
            switch request {
            case .ask(let id, let text, let language, let session):
                let answer = state.conversations.answer(
                    text, language: language, session: session.map { SessionKey(owner: peer.userID, name: $0) },
                    answerer: snapshot.answerer, scratch: &scratch)
                count(answer, answerer: snapshot.answerer)
                log(answer, text: text, answerer: snapshot.answerer)
                snapshot.encoder.encode(answer, id: id, to: &output)
            case .status(let id):
                state.statistics.countRequest(request.type.rawValue)
                state.encodeStatus(of: snapshot, id: id, to: &output)
            case .intents(let id):
                state.statistics.countRequest(request.type.rawValue)
                snapshot.encoder.encodeIntents(id: id, to: &output)
            case .stats(let id):
                state.statistics.countRequest(request.type.rawValue)
                ReplyWriter.stats(state.counters, id: id, to: &output)
            case .reload(let id):
                state.statistics.countRequest(request.type.rawValue)
                return .reload(id: id)
            }
        }
        return .now
    }

    /// Asks for a reload; the future is its reply line, on `eventLoop`.
    func reload(id: String?, on eventLoop: any EventLoop) -> EventLoopFuture<[UInt8]> {
        let outcome = eventLoop.makePromise(of: ReloadOutcome.self)
        state.reloads.request(completing: outcome)
        return outcome.futureResult.map { Self.encode($0, id: id) }
    }

    /// Appends the `line_too_long` error.
    func refuseLongLine(limit: Int, into output: inout [UInt8]) {
        refuse(
            ProtocolError(
                .lineTooLong, "the request line is longer than \(limit) bytes and was skipped; send shorter questions"),
            into: &output)
    }

    private func refuse(_ error: ProtocolError, into output: inout [UInt8]) {
        state.statistics.countRequest(ReplyType.error.rawValue)
        state.statistics.count { $0.errors[error.code.rawValue, default: 0] += 1 }
        logger.debug("request refused", metadata: ["request.error_code": "\(error.code)"])
        ReplyWriter.error(error, to: &output)
    }

    private static func encode(_ outcome: ReloadOutcome, id: String?) -> [UInt8] {
        var output: [UInt8] = []
        switch outcome {
        case .reloaded(let snapshot):
            ReplyWriter.reloaded(snapshot.encoder.summary(loadSeconds: snapshot.loadSeconds, loadedAt: nil), id: id, to: &output)
        case .refused(let error):
            let shown = error.problems.prefix(5).map(\.description).joined(separator: "; ")
            ReplyWriter.error(
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
        let kind = answer.safety == nil ? answer.replyType.rawValue : ReplyType.safetyAnswerCount
        let counted: Int? =
            switch answer.kind {
            case .answer(let intent), .clarify(let intent, _): intent
            case .fallback, .notice: nil
            }
        let intent = counted.map { answerer.knowledge.intents[$0].id }
        state.statistics.countRequest(RequestType.ask.rawValue) { counters in
            counters.answers[kind, default: 0] += 1
            if let mark = answer.safety { counters.safetyAnswers[mark.countName, default: 0] += 1 }
            if let intent { counters.intents[intent, default: 0] += 1 }
        }
    }

    private func log(_ answer: Answer, text: String, answerer: Answerer) {
        guard logger.logLevel <= .debug || logQuestions else { return }
        let knowledge = answerer.knowledge
        var metadata: Logger.Metadata = [
            "answer.type": "\(answer.replyType.rawValue)",
            "answer.intent": "\(answer.intent.map { knowledge.intents[$0].id } ?? "none")",
            "answer.confidence": "\(answer.confidence)",
            "answer.language": "\(answer.language.rawValue)",
        ]
        if logQuestions {
            metadata["request.text"] = "\(text)"
            logger.info("answered", metadata: metadata)
        } else {
            logger.debug("answered", metadata: metadata)
        }
    }
}
