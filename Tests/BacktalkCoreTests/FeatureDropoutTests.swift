@testable import BacktalkCore
import Testing

@Suite struct FeatureDropoutTests {
    /// A vector of `count` features, each of weight 1.
    private func vector(_ count: Int) -> SparseVector {
        var vector = SparseVector()
        vector.indices = (0..<Int32(count)).map { $0 }
        vector.values = [Float](repeating: 1, count: count)
        return vector
    }

    @Test func noShareKeepsTheVector() {
        var dropout = FeatureDropout(share: 0)
        var random = SplitMix64(seed: 1)
        let kept = dropout.apply(to: vector(100), using: &random)
        #expect(kept.indices == vector(100).indices)
        #expect(kept.values == vector(100).values)
    }

    @Test func halfLeavesOutAboutHalfAndDoublesTheRest() {
        var dropout = FeatureDropout(share: 0.5)
        var random = SplitMix64(seed: 1)
        let kept = dropout.apply(to: vector(10_000), using: &random)
        // Binomial(10 000, 0.5): the standard deviation is 50, so this range is ten of them.
        #expect((4_750...5_250).contains(kept.indices.count))
        #expect(kept.values.allSatisfy { $0 == 2 })
        #expect(kept.indices == kept.indices.sorted())
    }

    @Test func theSameSeedLeavesOutTheSameFeatures() {
        var first = FeatureDropout(share: 0.3)
        var second = FeatureDropout(share: 0.3)
        var firstRandom = SplitMix64(seed: 7)
        var secondRandom = SplitMix64(seed: 7)
        #expect(first.apply(to: vector(500), using: &firstRandom).indices
            == second.apply(to: vector(500), using: &secondRandom).indices)
    }
}
