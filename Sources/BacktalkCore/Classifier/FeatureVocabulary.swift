/// Maps feature hashes seen in training to dense indices 0..<count: an open-addressing table with linear
/// probing, built once and then only read.
public struct FeatureVocabulary: Sendable {
    private var keys: [UInt64]
    private var slots: [Int32]
    private var mask: Int
    /// The number of distinct features.
    public private(set) var count: Int = 0

    /// An empty vocabulary with room for about `capacity` features before it grows.
    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// The index of `hash`, or nil when training never saw it.
    @inline(__always)
    public func index(of hash: UInt64) -> Int32? {
        var position = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[position]
            if slot < 0 { return nil }
            if keys[position] == hash { return slot }
            position = (position + 1) & mask
        }
    }

    /// The index of `hash`, adding it when it is new.
    public mutating func insert(_ hash: UInt64) -> Int32 {
        if let existing = index(of: hash) { return existing }
        if (count + 1) * 2 > keys.count { grow() }
        var position = Int(truncatingIfNeeded: hash) & mask
        while slots[position] >= 0 { position = (position + 1) & mask }
        keys[position] = hash
        slots[position] = Int32(count)
        count += 1
        return slots[position]
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldSlots = slots
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        slots = Array(repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (key, slot) in zip(oldKeys, oldSlots) where slot >= 0 {
            var position = Int(truncatingIfNeeded: key) & mask
            while slots[position] >= 0 { position = (position + 1) & mask }
            keys[position] = key
            slots[position] = slot
        }
    }
}
