/// Leaves out a random share of a sparse vector's features and scales the rest up by 1 / (1 − share), so
/// that the vector keeps its expected value. Used on training examples only.
struct FeatureDropout {
    /// The share of features left out, in 0..<1.
    let share: Float
    /// A draw at or below this keeps the feature.
    private let keepLimit: UInt64
    private let keptScale: Float
    /// The vector with features left out, reused between calls.
    private var kept = SparseVector()

    init(share: Float) {
        precondition((0..<1).contains(share), "the dropout share must be in 0..<1")
        self.share = share
        keepLimit = UInt64(Double(1 - share) * 0x1p64.nextDown)
        keptScale = 1 / (1 - share)
    }

    /// `vector` with features left out at random, or `vector` itself when the share is 0.
    mutating func apply(to vector: SparseVector, using random: inout SplitMix64) -> SparseVector {
        guard share > 0 else { return vector }
        kept.removeAll()
        for (index, value) in zip(vector.indices, vector.values) where random.next() <= keepLimit {
            kept.indices.append(index)
            kept.values.append(value * keptScale)
        }
        return kept
    }
}
