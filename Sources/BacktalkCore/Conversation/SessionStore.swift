/// The contexts of the conversations going on, by ``SessionKey``, bounded two ways: at most `capacity`
/// sessions (the least recently used one makes room for a new one) and `timeToLive` of silence, after
/// which a session starts afresh. Plain Swift and not thread-safe; the daemon keeps it behind a lock.
///
/// A hash map finds a session's slot; the slots form a list from the most to the least recently used, so
/// a lookup, a touch and an eviction each take constant time.
public struct SessionStore: Sendable {
    public let capacity: Int
    public let timeToLive: Duration
    /// How many sessions were dropped to make room, and how many expired.
    public private(set) var evicted = 0
    public private(set) var expired = 0

    private struct Slot {
        var key: SessionKey
        var context: SessionContext
        var lastUsed: ContinuousClock.Instant
        var newer: Int
        var older: Int
    }

    private var slotOfKey: [SessionKey: Int] = [:]
    private var slots: [Slot] = []
    private var freeSlots: [Int] = []
    private var newest = -1
    private var oldest = -1

    public init(capacity: Int = 10_000, timeToLive: Duration = .seconds(30 * 60)) {
        precondition(capacity > 0, "a session store needs room for at least one session")
        self.capacity = capacity
        self.timeToLive = timeToLive
    }

    /// The number of sessions held.
    public var count: Int { slotOfKey.count }

    /// Whether the session `key` is held and has not expired at `now`.
    public func contains(_ key: SessionKey, now: ContinuousClock.Instant) -> Bool {
        guard let slot = slotOfKey[key] else { return false }
        return now - slots[slot].lastUsed <= timeToLive
    }

    /// The context of session `key` at `now`: the one remembered, or a new one for `knowledgeDigest` when
    /// the session is new or expired.
    public mutating func context(
        of key: SessionKey, knowledgeDigest: String, now: ContinuousClock.Instant
    ) -> SessionContext {
        guard let slot = slotOfKey[key], now - slots[slot].lastUsed <= timeToLive else {
            return SessionContext(knowledgeDigest: knowledgeDigest)
        }
        return slots[slot].context
    }

    /// Remembers `context` for session `key`, used at `now`, making it the most recently used one.
    public mutating func store(_ context: SessionContext, for key: SessionKey, now: ContinuousClock.Instant) {
        if let slot = slotOfKey[key] {
            slots[slot].context = context
            slots[slot].lastUsed = now
            unlink(slot)
            linkAsNewest(slot)
            return
        }
        dropExpired(now: now)
        if slotOfKey.count >= capacity {
            evicted += 1
            remove(oldest)
        }
        let entry = Slot(key: key, context: context, lastUsed: now, newer: -1, older: -1)
        let slot: Int
        if let free = freeSlots.popLast() {
            slots[free] = entry
            slot = free
        } else {
            slots.append(entry)
            slot = slots.count - 1
        }
        slotOfKey[key] = slot
        linkAsNewest(slot)
    }

    /// Drops the sessions silent for longer than the time to live; the oldest are at the end of the list.
    private mutating func dropExpired(now: ContinuousClock.Instant) {
        while oldest >= 0, now - slots[oldest].lastUsed > timeToLive {
            expired += 1
            remove(oldest)
        }
    }

    private mutating func remove(_ slot: Int) {
        unlink(slot)
        slotOfKey[slots[slot].key] = nil
        slots[slot].key = SessionKey(owner: 0, name: "")
        slots[slot].context = SessionContext(knowledgeDigest: "")
        freeSlots.append(slot)
    }

    private mutating func unlink(_ slot: Int) {
        let (newer, older) = (slots[slot].newer, slots[slot].older)
        if newer >= 0 { slots[newer].older = older } else { newest = older }
        if older >= 0 { slots[older].newer = newer } else { oldest = newer }
        slots[slot].newer = -1
        slots[slot].older = -1
    }

    private mutating func linkAsNewest(_ slot: Int) {
        slots[slot].older = newest
        if newest >= 0 { slots[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
