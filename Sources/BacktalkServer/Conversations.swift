import BacktalkCore
import BacktalkProtocol
import NIOConcurrencyHelpers

/// The conversations going on, each keyed by its owner's uid and session name (``SessionKey``), held in a
/// bounded ``SessionStore`` behind a lock.
final class Conversations: Sendable {
    private let sessions: NIOLockedValueBox<SessionStore>

    init(_ sessions: SessionStore) {
        self.sessions = NIOLockedValueBox(sessions)
    }

    /// Answers `text` with `answerer`: as the next turn of `session` when there is one, else on its own.
    /// The lock is held only to read and to store the session's context, not while answering; two turns of
    /// one session at the same time both see the context before them, and the later one is kept.
    func answer(
        _ text: String, language: Language?, session: SessionKey?, answerer: Answerer, scratch: inout ClassifierScratch
    ) -> Answer {
        guard let session else { return answerer.answer(text, language: language, scratch: &scratch) }
        let digest = answerer.knowledge.digest
        var context = sessions.withLockedValue { $0.context(of: session, knowledgeDigest: digest, now: .now) }
        let answer = answerer.answer(text, language: language, session: &context, scratch: &scratch)
        sessions.withLockedValue { $0.store(context, for: session, now: .now) }
        return answer
    }

    /// The conversations remembered now, dropped to make room, and forgotten after their time to live.
    var counts: (open: Int, evicted: Int, expired: Int) {
        sessions.withLockedValue { ($0.count, $0.evicted, $0.expired) }
    }
}
