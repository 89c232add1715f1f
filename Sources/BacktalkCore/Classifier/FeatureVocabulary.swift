/// Maps feature hashes seen in training to dense indices 0..<count: an open-addressing table with linear
/// probing, built once and then only read. Each slot holds its key and index together, so a lookup
/// touches one cache line.
public struct FeatureVocabulary: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        /// The feature index, or -1 for an empty slot.
        var index: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    /// The number of distinct features.
    public private(set) var count: Int = 0

    /// An empty vocabulary with room for about `capacity` features before it grows.
    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(key: 0, index: -1), count: size)
        mask = size - 1
    }

    /// The index of `hash`, or nil when training never saw it.
    @inline(__always)
    public func index(of hash: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            var position = Int(truncatingIfNeeded: hash) & mask
            while true {
                let slot = slots[position]
                if slot.index < 0 { return nil }
                if slot.key == hash { return slot.index }
                position = (position + 1) & mask
            }
        }
    }

    /// A vocabulary of `hashes`, indexed in their order (as ``hashesInIndexOrder`` gives them).
    init(hashes: [UInt64]) {
        self.init(capacity: hashes.count)
        for hash in hashes { _ = insert(hash) }
    }

    /// Every hash, in the order of its index.
    var hashesInIndexOrder: [UInt64] {
        var hashes = [UInt64](repeating: 0, count: count)
        for slot in slots where slot.index >= 0 { hashes[Int(slot.index)] = slot.key }
        return hashes
    }

    /// The index of `hash`, adding it when it is new.
    public mutating func insert(_ hash: UInt64) -> Int32 {
        if let existing = index(of: hash) { return existing }
        if (count + 1) * 2 > slots.count { grow() }
        place(Slot(key: hash, index: Int32(count)))
        count += 1
        return Int32(count - 1)
    }

    private mutating func place(_ slot: Slot) {
        var position = Int(truncatingIfNeeded: slot.key) & mask
        while slots[position].index >= 0 { position = (position + 1) & mask }
        slots[position] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, index: -1), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.index >= 0 { place(slot) }
    }
}
