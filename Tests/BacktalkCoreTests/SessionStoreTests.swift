import BacktalkCore
import Testing

/// The session store stays bounded: by count (least recently used out first) and by time to live.
@Suite struct SessionStoreTests {
    private let start = ContinuousClock.now

    private func context(_ language: Language) -> SessionContext {
        var context = SessionContext(knowledgeDigest: "d")
        var scratch = ClassifierScratch()
        _ = Shipped.answerer.answer(language == .danish ? "på dansk" : "in english please", language: nil,
            session: &context, scratch: &scratch)
        return context
    }

    @Test func moreSessionsThanTheCapEvictTheLeastRecentlyUsed() {
        var store = SessionStore(capacity: 3, timeToLive: .seconds(60))
        for number in 0..<3 { store.store(context(.danish), for: "s\(number)", now: start) }
        // Touching s0 makes s1 the least recently used.
        store.store(context(.english), for: "s0", now: start + .seconds(1))
        for number in 3..<6 { store.store(context(.danish), for: "s\(number)", now: start + .seconds(2)) }
        #expect(store.count == 3)
        #expect(store.evicted == 3)
        let held = (0..<6).filter { store.contains("s\($0)", now: start + .seconds(2)) }
        #expect(held == [3, 4, 5])
        // An evicted session starts afresh.
        let fresh = store.context(of: "s0", knowledgeDigest: "d", now: start + .seconds(2))
        #expect(fresh.chosenLanguage == nil && fresh.lastIntent == nil)
    }

    @Test func aTouchedSessionSurvivesTheOthers() {
        var store = SessionStore(capacity: 2, timeToLive: .seconds(60))
        store.store(context(.danish), for: "old", now: start)
        store.store(context(.danish), for: "other", now: start)
        store.store(context(.danish), for: "old", now: start + .seconds(1))
        store.store(context(.danish), for: "new", now: start + .seconds(2))
        #expect(store.contains("old", now: start + .seconds(2)))
        #expect(!store.contains("other", now: start + .seconds(2)))
        #expect(store.context(of: "old", knowledgeDigest: "d", now: start + .seconds(2)).chosenLanguage == .danish)
    }

    @Test func silentSessionsExpire() {
        var store = SessionStore(capacity: 100, timeToLive: .seconds(30))
        store.store(context(.danish), for: "quiet", now: start)
        store.store(context(.danish), for: "busy", now: start + .seconds(20))
        #expect(store.contains("quiet", now: start + .seconds(30)))
        #expect(!store.contains("quiet", now: start + .seconds(31)))
        #expect(store.context(of: "quiet", knowledgeDigest: "d", now: start + .seconds(31)).chosenLanguage == nil)
        // Storing any session drops the expired ones, so memory does not hold them.
        store.store(context(.english), for: "late", now: start + .seconds(45))
        #expect(store.count == 2 && store.expired == 1)
    }

    @Test func tenThousandSessionsAndMoreStayAtTheCap() {
        var store = SessionStore()
        let language = context(.danish)
        for number in 0..<25_000 { store.store(language, for: "irc:#backpain:user\(number)", now: start) }
        #expect(store.count == 10_000 && store.evicted == 15_000)
        #expect(store.contains("irc:#backpain:user24999", now: start))
        #expect(!store.contains("irc:#backpain:user14999", now: start))
    }
}
