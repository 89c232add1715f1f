import BacktalkCore
import BacktalkProtocol
import Dispatch

/// Runs `first` and `second` at the same time, each on a thread of its own, and returns both results when
/// both are done. For training, whose independent parts are seconds of arithmetic each.
func inParallel<First, Second>(_ first: () -> First, and second: () -> Second) -> (First, Second) {
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
