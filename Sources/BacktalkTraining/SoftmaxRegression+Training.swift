import BacktalkCore
import BacktalkProtocol

extension SoftmaxRegression {
    /// Trains on `examples` with `labels` in 0..<classCount with stochastic gradient descent; classes are
    /// weighted inversely to their size.
    ///
    /// A step reads and writes one row of class weights per feature of the example. The examples are
    /// copied into one flat table first, and each row is padded to whole blocks of eight classes, so that
    /// a step runs on raw buffers in vector instructions: no array copies, retains or bounds checks. Each
    /// class's arithmetic is the same as one class at a time, in the same order, so the model is too.
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
        let table = SparseTable(examples)
        let blocks = (classCount + 7) / 8

        // Feature-major, `blocks` per feature; the classes past `classCount` stay 0.
        var weights = [SIMD8<Float>](repeating: .zero, count: featureCount * blocks)
        var bias = [Float](repeating: 0, count: classCount)
        // Polyak averaging over the second half of the epochs: the mean of the iterates is a steadier
        // solution than the last one.
        var average = [SIMD8<Float>](repeating: .zero, count: weights.count)
        var averageBias = [Float](repeating: 0, count: classCount)
        var averaged: Float = 0
        let averageFrom = options.epochs / 2
        // The true weights are `scale * weights`: shrinking all of them for L2 costs one multiplication.
        var scale: Float = 1
        var order = Array(examples.indices)
        var random = SplitMix64(seed: options.seed)
        var step: Float = 0
        let totalSteps = Float(options.epochs * examples.count)
        let dropout = FeatureDropout(share: options.featureDropout)
        var scores = [Float](repeating: 0, count: classCount)
        var gradient = [SIMD8<Float>](repeating: .zero, count: blocks)
        var keptIndices = [Int32](repeating: 0, count: table.longestRow)
        var keptValues = [Float](repeating: 0, count: table.longestRow)

        for epoch in 0..<options.epochs {
            order.shuffle(using: &random)
            weights.withUnsafeMutableBufferPointer { w in
                gradient.withUnsafeMutableBufferPointer { g in
                    keptIndices.withUnsafeMutableBufferPointer { keptIndex in
                        keptValues.withUnsafeMutableBufferPointer { keptValue in
                            for exampleIndex in order {
                                let kept = dropout.apply(
                                    toRow: exampleIndex, of: table, into: keptIndex, keptValue, using: &random)
                                let rate = options.learningRate * (1 - step / totalSteps)
                                step += 1
                                for block in 0..<blocks { g[block] = .zero }
                                for k in 0..<kept {
                                    let row = Int(keptIndex[k]) * blocks
                                    let value = SIMD8(repeating: keptValue[k])
                                    for block in 0..<blocks { g[block] += value * w[row + block] }
                                }
                                for c in 0..<classCount { scores[c] = g[c / 8][c % 8] * scale + bias[c] }
                                Self.softmax(&scores)
                                let label = labels[exampleIndex]
                                scores[label] -= 1
                                for c in 0..<classCount { g[c / 8][c % 8] = scores[c] }
                                let exampleWeight = classWeight[label]
                                scale *= 1 - rate * options.l2
                                let update = rate * exampleWeight / scale
                                for k in 0..<kept {
                                    let row = Int(keptIndex[k]) * blocks
                                    let factor = SIMD8(repeating: update * keptValue[k])
                                    for block in 0..<blocks { w[row + block] -= factor * g[block] }
                                }
                                for c in 0..<classCount { bias[c] -= rate * exampleWeight * scores[c] }
                                if scale < 1e-4 {
                                    for i in w.indices { w[i] *= scale }
                                    scale = 1
                                }
                            }
                        }
                    }
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
        var rows = [Float](repeating: 0, count: featureCount * classCount)
        for feature in 0..<featureCount {
            for c in 0..<classCount { rows[feature * classCount + c] = weights[feature * blocks + c / 8][c % 8] }
        }
        self.init(classCount: classCount, quantising: rows, bias: bias)
    }
}
