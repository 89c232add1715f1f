@testable import BacktalkCore
@testable import BacktalkTraining
import Testing

@Suite struct FeatureDropoutTests {
    /// What `dropout` keeps of one row of `count` features, each of weight 1.
    private func kept(of count: Int, by dropout: FeatureDropout, seed: UInt64) -> (indices: [Int32], values: [Float]) {
        var vector = SparseVector()
        vector.indices = (0..<Int32(count)).map { $0 }
        vector.values = [Float](repeating: 1, count: count)
        let table = SparseTable([vector])
        var random = SplitMix64(seed: seed)
        var indices = [Int32](repeating: -1, count: count)
        var values = [Float](repeating: -1, count: count)
        let keptCount = indices.withUnsafeMutableBufferPointer { indices in
            values.withUnsafeMutableBufferPointer { values in
                dropout.apply(toRow: 0, of: table, into: indices, values, using: &random)
            }
        }
        return (Array(indices[..<keptCount]), Array(values[..<keptCount]))
    }

    @Test func noShareKeepsTheRow() {
        let row = kept(of: 100, by: FeatureDropout(share: 0), seed: 1)
        #expect(row.indices == (0..<100).map { $0 })
        #expect(row.values == [Float](repeating: 1, count: 100))
    }

    @Test func halfLeavesOutAboutHalfAndDoublesTheRest() {
        let row = kept(of: 10_000, by: FeatureDropout(share: 0.5), seed: 1)
        // Binomial(10 000, 0.5): the standard deviation is 50, so this range is ten of them.
        #expect((4_750...5_250).contains(row.indices.count))
        #expect(row.values.allSatisfy { $0 == 2 })
        #expect(row.indices == row.indices.sorted())
    }

    @Test func theSameSeedLeavesOutTheSameFeatures() {
        let dropout = FeatureDropout(share: 0.3)
        #expect(kept(of: 500, by: dropout, seed: 7).indices == kept(of: 500, by: dropout, seed: 7).indices)
    }

    @Test func rowsOfATableAreKeptApart() {
        var first = SparseVector()
        first.indices = [1, 2]
        first.values = [0.5, 0.25]
        var second = SparseVector()
        second.indices = [7]
        second.values = [3]
        let table = SparseTable([first, SparseVector(), second])
        #expect(table.row(0) == 0..<2 && table.row(1) == 2..<2 && table.row(2) == 2..<3)
        #expect(table.indices == [1, 2, 7] && table.values == [0.5, 0.25, 3] && table.longestRow == 2)
    }
}
