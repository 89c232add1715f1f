/// Counts how often each feature index occurs in a list, in one pass and without allocating once its
/// table has grown: an open-addressing table stamped per use, so it never needs clearing.
struct FeatureCounter {
    /// The distinct indices of the last list counted, in order of first occurrence.
    private(set) var distinct: [Int32] = []
    /// How often each of `distinct` occurred.
    private(set) var occurrences: [Int32] = []
    private var keys: [Int32] = []
    private var positions: [Int32] = []
    private var stamps: [UInt32] = []
    private var stamp: UInt32 = 0

    /// Counts `indices`, replacing the previous counts.
    mutating func count(_ indices: [Int32]) {
        distinct.removeAll(keepingCapacity: true)
        occurrences.removeAll(keepingCapacity: true)
        if keys.count < indices.count * 2 { resize(for: indices.count) }
        stamp &+= 1
        if stamp == 0 {
            for i in stamps.indices { stamps[i] = 0 }
            stamp = 1
        }
        let mask = keys.count - 1
        let stamp = self.stamp
        // `distinct` and `occurrences` never hold more than `indices.count` entries.
        distinct.reserveCapacity(indices.count)
        occurrences.reserveCapacity(indices.count)
        keys.withUnsafeMutableBufferPointer { keys in
            positions.withUnsafeMutableBufferPointer { positions in
                stamps.withUnsafeMutableBufferPointer { stamps in
                    for index in indices {
                        var slot = Int(truncatingIfNeeded: UInt32(bitPattern: index) &* 0x9E37_79B1) & mask
                        while stamps[slot] == stamp && keys[slot] != index { slot = (slot + 1) & mask }
                        if stamps[slot] == stamp {
                            occurrences[Int(positions[slot])] += 1
                        } else {
                            stamps[slot] = stamp
                            keys[slot] = index
                            positions[slot] = Int32(distinct.count)
                            distinct.append(index)
                            occurrences.append(1)
                        }
                    }
                }
            }
        }
    }

    private mutating func resize(for count: Int) {
        var size = 256
        while size < count * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        positions = Array(repeating: 0, count: size)
        stamps = Array(repeating: 0, count: size)
        stamp = 0
    }
}
