import BacktalkCore
import BacktalkProtocol

/// Sparse vectors stored end to end in two flat arrays (compressed sparse rows), so that training reads
/// them without a retain or an array per example.
struct SparseTable {
    /// The feature indices of every row, row after row.
    let indices: [Int32]
    /// The values, parallel to `indices`.
    let values: [Float]
    /// Where each row starts in `indices`; one more entry than rows, the last being `indices.count`.
    let starts: [Int]
    /// The most features in one row.
    let longestRow: Int

    init(_ vectors: [SparseVector]) {
        var indices: [Int32] = []
        var values: [Float] = []
        var starts = [0]
        var longestRow = 0
        let total = vectors.reduce(0) { $0 + $1.indices.count }
        indices.reserveCapacity(total)
        values.reserveCapacity(total)
        starts.reserveCapacity(vectors.count + 1)
        for vector in vectors {
            indices += vector.indices
            values += vector.values
            starts.append(indices.count)
            longestRow = max(longestRow, vector.indices.count)
        }
        self.indices = indices
        self.values = values
        self.starts = starts
        self.longestRow = longestRow
    }

    /// The positions of row `row` in `indices` and `values`.
    func row(_ row: Int) -> Range<Int> { starts[row]..<starts[row + 1] }
}
