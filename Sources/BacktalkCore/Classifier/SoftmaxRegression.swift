import Foundation

/// Multinomial logistic regression over sparse vectors, trained with stochastic gradient descent.
///
/// Weights are stored feature-major (`weights[feature * classCount + class]`), so scoring a sparse
/// vector reads one contiguous row per feature. After training each feature's row is quantised to
/// signed bytes times a scale of its own (its largest weight over 127): a quarter of the memory, and
/// cross-validation and the held-out batches do not move (docs/CLASSIFIER.md).
struct SoftmaxRegression: Sendable {
    let classCount: Int
    /// Each weight as a step of its feature's scale, feature-major.
    let weights: [Int8]
    /// The size of one step of each feature's weights.
    let scales: [Float]
    let bias: [Float]

    /// A trained model as a model file holds it: `weights` feature-major, `classCount` per feature.
    init(classCount: Int, weights: [Int8], scales: [Float], bias: [Float]) {
        self.classCount = classCount
        self.weights = weights
        self.scales = scales
        self.bias = bias
    }

    /// Quantises `weights` (feature-major floats, `classCount` per feature) row by row.
    init(classCount: Int, quantising weights: [Float], bias: [Float]) {
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

    /// Trains on `examples` with `labels` in 0..<classCount; classes are weighted inversely to their size.
    init(
        examples: [SparseVector],
        labels: [Int],
        classCount: Int,
        featureCount: Int,
        options: TrainingOptions
    ) {
        precondition(examples.count == labels.count && !examples.isEmpty)
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        let classWeight = counts.map { $0 == 0 ? 0 : Float(examples.count) / Float(classCount * $0) }

        var weights = [Float](repeating: 0, count: featureCount * classCount)
        var bias = [Float](repeating: 0, count: classCount)
        // The true weights are `scale * weights`: shrinking all of them for L2 costs one multiplication.
        var scale: Float = 1
        var order = Array(examples.indices)
        var random = SplitMix64(seed: options.seed)
        var gradient = [Float](repeating: 0, count: classCount)
        var step: Float = 0
        let totalSteps = Float(options.epochs * examples.count)
        // Polyak averaging over the second half of the epochs: the mean of the iterates is a steadier
        // solution than the last one.
        var average = [Float](repeating: 0, count: weights.count)
        var averageBias = [Float](repeating: 0, count: classCount)
        var averaged: Float = 0
        let averageFrom = options.epochs / 2

        var dropout = FeatureDropout(share: options.featureDropout)
        for epoch in 0..<options.epochs {
            order.shuffle(using: &random)
            for exampleIndex in order {
                let example = dropout.apply(to: examples[exampleIndex], using: &random)
                let rate = options.learningRate * (1 - step / totalSteps)
                step += 1
                Self.score(example, weights: weights, scale: scale, bias: bias, into: &gradient)
                Self.softmax(&gradient)
                gradient[labels[exampleIndex]] -= 1
                let exampleWeight = classWeight[labels[exampleIndex]]
                scale *= 1 - rate * options.l2
                let update = rate * exampleWeight / scale
                weights.withUnsafeMutableBufferPointer { w in
                    for (index, value) in zip(example.indices, example.values) {
                        let row = Int(index) * classCount
                        let factor = update * value
                        for c in 0..<classCount { w[row + c] -= factor * gradient[c] }
                    }
                }
                for c in 0..<classCount { bias[c] -= rate * exampleWeight * gradient[c] }
                if scale < 1e-4 {
                    for i in weights.indices { weights[i] *= scale }
                    scale = 1
                }
            }
            if options.averaging && epoch >= averageFrom {
                for i in weights.indices { average[i] += weights[i] * scale }
                for c in 0..<classCount { averageBias[c] += bias[c] }
                averaged += 1
            }
        }
        if averaged > 0 {
            for i in average.indices { average[i] /= averaged }
            for c in 0..<classCount { averageBias[c] /= averaged }
            weights = average
            bias = averageBias
        } else {
            for i in weights.indices { weights[i] *= scale }
        }
        self.init(classCount: classCount, quantising: weights, bias: bias)
    }

    /// Writes the class probabilities of `vector` into `probabilities` (resized to `classCount`), with the
    /// class scores multiplied by `certainty` (0...1) first: below 1 flattens the probabilities, never
    /// changing their order.
    func probabilities(of vector: SparseVector, certainty: Float, into probabilities: inout [Float]) {
        if probabilities.count != classCount {
            probabilities = [Float](repeating: 0, count: classCount)
        }
        let classCount = classCount
        probabilities.withUnsafeMutableBufferPointer { s in
            for c in 0..<classCount { s[c] = bias[c] }
            weights.withUnsafeBufferPointer { w in
                scales.withUnsafeBufferPointer { scales in
                    for (index, value) in zip(vector.indices, vector.values) {
                        let row = Int(index) * classCount
                        let step = value * scales[Int(index)]
                        for c in 0..<classCount { s[c] += step * Float(w[row + c]) }
                    }
                }
            }
            for c in 0..<classCount { s[c] *= certainty }
        }
        Self.softmax(&probabilities)
    }

    private static func score(
        _ vector: SparseVector, weights: [Float], scale: Float, bias: [Float], into scores: inout [Float]
    ) {
        let classCount = bias.count
        scores.withUnsafeMutableBufferPointer { s in
            for c in 0..<classCount { s[c] = 0 }
            weights.withUnsafeBufferPointer { w in
                for (index, value) in zip(vector.indices, vector.values) {
                    let row = Int(index) * classCount
                    for c in 0..<classCount { s[c] += value * w[row + c] }
                }
            }
            for c in 0..<classCount { s[c] = s[c] * scale + bias[c] }
        }
    }

    private static func softmax(_ scores: inout [Float]) {
        let maximum = scores.max() ?? 0
        var sum: Float = 0
        for i in scores.indices {
            scores[i] = expf(scores[i] - maximum)
            sum += scores[i]
        }
        for i in scores.indices { scores[i] /= sum }
    }
}
