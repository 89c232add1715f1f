/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64), so training shuffles the
/// same way on every machine and every run.
package struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return FeatureHash.finish(state)
    }
}
