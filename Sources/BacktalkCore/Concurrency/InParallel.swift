import Dispatch

/// Runs `first` and `second` at the same time, each on a thread of its own, and returns both results when
/// both are done. For independent parts of work that take milliseconds or more each: training, and the
/// checks of a knowledge base at load.
package func inParallel<First, Second>(_ first: () -> First, and second: () -> Second) -> (First, Second) {
    nonisolated(unsafe) var firstResult: First?
    nonisolated(unsafe) var secondResult: Second?
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            nonisolated(unsafe) let first = first
            nonisolated(unsafe) let second = second
            // Each iteration writes only its own result; concurrentPerform returns after both.
            DispatchQueue.concurrentPerform(iterations: 2) { iteration in
                if iteration == 0 { firstResult = first() } else { secondResult = second() }
            }
        }
    }
    return (firstResult!, secondResult!)
}

/// `transform` of each of `items`, in their order, computed on up to as many threads as there are cores.
package func parallelMap<Item, Transformed>(_ items: [Item], _ transform: (Item) -> Transformed) -> [Transformed] {
    var results = [Transformed?](repeating: nil, count: items.count)
    results.withUnsafeMutableBufferPointer { results in
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) let results = results
            nonisolated(unsafe) let items = items
            // Each iteration writes only its own slot; concurrentPerform returns after every one.
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                results[index] = transform(items[index])
            }
        }
    }
    return results.map { $0! }
}
