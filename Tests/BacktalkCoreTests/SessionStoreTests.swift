import BacktalkCore
import BacktalkProtocol
import BacktalkTesting
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

    /// Session `name` of uid 1000.
    private func key(_ name: String) -> SessionKey { SessionKey(owner: 1000, name: name) }

    @Test func theSameNameFromAnotherUserIsAnotherConversation() {
        var store = SessionStore()
        store.store(context(.danish), for: SessionKey(owner: 1000, name: "chat:alice"), now: start)
        #expect(store.contains(SessionKey(owner: 1000, name: "chat:alice"), now: start))
        #expect(!store.contains(SessionKey(owner: 65534, name: "chat:alice"), now: start))
        let other = store.context(of: SessionKey(owner: 65534, name: "chat:alice"), knowledgeDigest: "d", now: start)
        #expect(other.chosenLanguage == nil && other.lastIntent == nil)
    }

    @Test func moreSessionsThanTheCapEvictTheLeastRecentlyUsed() {
        var store = SessionStore(capacity: 3, timeToLive: .seconds(60))
        for number in 0..<3 { store.store(context(.danish), for: key("s\(number)"), now: start) }
        // Touching s0 makes s1 the least recently used.
        store.store(context(.english), for: key("s0"), now: start + .seconds(1))
        for number in 3..<6 { store.store(context(.danish), for: key("s\(number)"), now: start + .seconds(2)) }
        #expect(store.count == 3)
        #expect(store.evicted == 3)
        let held = (0..<6).filter { store.contains(key("s\($0)"), now: start + .seconds(2)) }
        #expect(held == [3, 4, 5])
        // An evicted session starts afresh.
        let fresh = store.context(of: key("s0"), knowledgeDigest: "d", now: start + .seconds(2))
        #expect(fresh.chosenLanguage == nil && fresh.lastIntent == nil)
    }

    @Test func aTouchedSessionSurvivesTheOthers() {
        var store = SessionStore(capacity: 2, timeToLive: .seconds(60))
        store.store(context(.danish), for: key("old"), now: start)
        store.store(context(.danish), for: key("other"), now: start)
        store.store(context(.danish), for: key("old"), now: start + .seconds(1))
        store.store(context(.danish), for: key("new"), now: start + .seconds(2))
        #expect(store.contains(key("old"), now: start + .seconds(2)))
        #expect(!store.contains(key("other"), now: start + .seconds(2)))
        #expect(store.context(of: key("old"), knowledgeDigest: "d", now: start + .seconds(2)).chosenLanguage == .danish)
    }

    @Test func silentSessionsExpire() {
        var store = SessionStore(capacity: 100, timeToLive: .seconds(30))
        store.store(context(.danish), for: key("quiet"), now: start)
        store.store(context(.danish), for: key("busy"), now: start + .seconds(20))
        #expect(store.contains(key("quiet"), now: start + .seconds(30)))
        #expect(!store.contains(key("quiet"), now: start + .seconds(31)))
        #expect(store.context(of: key("quiet"), knowledgeDigest: "d", now: start + .seconds(31)).chosenLanguage == nil)
        // Storing any session drops the expired ones, so memory does not hold them.
        store.store(context(.english), for: key("late"), now: start + .seconds(45))
        #expect(store.count == 2 && store.expired == 1)
    }

    @Test func tenThousandSessionsAndMoreStayAtTheCap() {
        var store = SessionStore()
        let language = context(.danish)
        for number in 0..<25_000 { store.store(language, for: key("irc:#backpain:user\(number)"), now: start) }
        #expect(store.count == 10_000 && store.evicted == 15_000)
        #expect(store.contains(key("irc:#backpain:user24999"), now: start))
        #expect(!store.contains(key("irc:#backpain:user14999"), now: start))
    }
}
