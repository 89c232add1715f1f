import Foundation

/// Multinomial logistic regression over sparse vectors, trained with stochastic gradient descent.
///
/// Weights are stored feature-major (`weights[feature * classCount + class]`), so scoring a sparse
/// vector reads one contiguous row per feature. After training each feature's row is quantised to
/// signed bytes times a scale of its own (its largest weight over 127): a quarter of the memory, and
/// cross-validation and the held-out batches do not move (docs/CLASSIFIER.md).
package struct SoftmaxRegression: Sendable {
    let classCount: Int
    /// Each weight as a step of its feature's scale, feature-major, then ``padding`` zero bytes, so that
    /// scoring may read the last row in whole blocks of eight.
    private let paddedWeights: [Int8]
    /// The size of one step of each feature's weights.
    let scales: [Float]
    let bias: [Float]
    /// Bytes after the last row of weights.
    private static let padding = 8

    /// A trained model as a model file holds it: `weights` feature-major, `classCount` per feature.
    init(classCount: Int, weights: [Int8], scales: [Float], bias: [Float]) {
        self.classCount = classCount
        var padded = [Int8]()
        padded.reserveCapacity(weights.count + Self.padding)
        padded += weights
        padded += repeatElement(0, count: Self.padding)
        paddedWeights = padded
        self.scales = scales
        self.bias = bias
    }

    /// Each weight as a step of its feature's scale, feature-major, as a model file holds them.
    var weights: ArraySlice<Int8> { paddedWeights.dropLast(Self.padding) }

    /// Quantises `weights` (feature-major floats, `classCount` per feature) row by row.
    package init(classCount: Int, quantising weights: [Float], bias: [Float]) {
        let features = weights.count / max(classCount, 1)
        var steps = [Int8](repeating: 0, count: weights.count)
        var scales = [Float](repeating: 0, count: features)
        for feature in 0..<features {
            let row = feature * classCount..<(feature + 1) * classCount
            let largest = weights[row].reduce(Float(0)) { max($0, abs($1)) }
            guard largest > 0 else { continue }
            let scale = largest / 127
            scales[feature] = scale
            for index in row { steps[index] = Int8((weights[index] / scale).rounded()) }
        }
        self.init(classCount: classCount, weights: steps, scales: scales, bias: bias)
    }

    /// Writes the class probabilities of `vector` into `probabilities` (resized to `classCount`), with the
    /// class scores multiplied by `certainty` (0...1) first: below 1 flattens the probabilities, never
    /// changing their order.
    ///
    /// The scores add up in blocks of eight classes in vector registers, each class in the same order as one
    /// at a time (so the same sums); the lanes past `classCount` read the next row's bytes and are dropped.
    func probabilities(of vector: SparseVector, certainty: Float, into probabilities: inout [Float]) {
        if probabilities.count != classCount {
            probabilities = [Float](repeating: 0, count: classCount)
        }
        let classCount = classCount
        let blocks = (classCount + 7) / 8
        withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: blocks) { sums in
            for block in 0..<blocks {
                var start = SIMD8<Float>.zero
                for lane in 0..<8 where block * 8 + lane < classCount { start[lane] = bias[block * 8 + lane] }
                sums[block] = start
            }
            paddedWeights.withUnsafeBytes { weights in
                scales.withUnsafeBufferPointer { scales in
                    for (index, value) in zip(vector.indices, vector.values) {
                        let row = Int(index) * classCount
                        let step = SIMD8(repeating: value * scales[Int(index)])
                        for block in 0..<blocks {
                            let bytes = weights.loadUnaligned(fromByteOffset: row + block * 8, as: SIMD8<Int8>.self)
                            sums[block] += step * SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: bytes))
                        }
                    }
                }
            }
            probabilities.withUnsafeMutableBufferPointer { s in
                for c in 0..<classCount { s[c] = sums[c / 8][c % 8] * certainty }
            }
        }
        Self.softmax(&probabilities)
    }

    package static func softmax(_ scores: inout [Float]) {
        let maximum = scores.max() ?? 0
        var sum: Float = 0
        for i in scores.indices {
            scores[i] = expf(scores[i] - maximum)
            sum += scores[i]
        }
        for i in scores.indices { scores[i] /= sum }
    }
}
