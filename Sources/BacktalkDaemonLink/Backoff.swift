/// The wait before a bridge tries again after a failure (a lost IRC server, a failing homeserver): one
/// second, doubling up to `maximum`, back to one second after a success.
public struct Backoff: Sendable {
    public let maximum: Duration
    private(set) var current = Duration.seconds(1)

    public init(maximum: Duration) {
        self.maximum = maximum
    }

    /// The wait before the next try; the one after is twice as long.
    public mutating func next() -> Duration {
        defer { current = min(current * 2, maximum) }
        return current
    }

    /// Starts again from one second.
    public mutating func reset() {
        current = .seconds(1)
    }
}
