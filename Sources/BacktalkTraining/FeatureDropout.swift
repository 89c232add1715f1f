import BacktalkCore
import BacktalkProtocol

/// Leaves out a random share of a training example's features and scales the rest up by 1 / (1 − share), so
/// that the example keeps its expected value. Used on training examples only.
struct FeatureDropout {
    /// The share of features left out, in 0..<1.
    let share: Float
    /// A draw at or below this keeps the feature.
    private let keepLimit: UInt64
    private let keptScale: Float

    init(share: Float) {
        precondition((0..<1).contains(share), "the dropout share must be in 0..<1")
        self.share = share
        keepLimit = UInt64(Double(1 - share) * 0x1p64.nextDown)
        keptScale = 1 / (1 - share)
    }

    /// Copies the features of row `row` of `table` that stay, scaled, to the front of `indices` and
    /// `values` (each at least as long as the row) and returns how many stayed. With a share of 0 every
    /// feature stays as it is and no random number is drawn.
    func apply(
        toRow row: Int, of table: SparseTable, into indices: UnsafeMutableBufferPointer<Int32>,
        _ values: UnsafeMutableBufferPointer<Float>, using random: inout SplitMix64
    ) -> Int {
        var kept = 0
        for position in table.row(row) {
            if share > 0 {
                guard random.next() <= keepLimit else { continue }
                values[kept] = table.values[position] * keptScale
            } else {
                values[kept] = table.values[position]
            }
            indices[kept] = table.indices[position]
            kept += 1
        }
        return kept
    }
}
