/// Paces the bridge's own messages so a chat server does not drop it for flooding: a token bucket that
/// lets `burst` lines go at once, then one line per `interval` (kept as the time the bucket is next full,
/// the "generic cell rate" form).
public struct OutputPacer: Sendable {
    public let burst: Int
    public let interval: Duration
    /// When the bucket would be full again if no more lines were sent.
    private var fullAt: ContinuousClock.Instant?

    public init(burst: Int = 4, interval: Duration = .seconds(1)) {
        precondition(burst >= 1 && interval >= .zero, "a pacer needs a burst of at least one line")
        self.burst = burst
        self.interval = interval
    }

    /// How long from `now` until the next line may go.
    public func delay(at now: ContinuousClock.Instant) -> Duration {
        guard let fullAt else { return .zero }
        return max(.zero, (max(fullAt, now) - interval * (burst - 1)) - now)
    }

    /// Takes a token for a line sent at `now`.
    public mutating func take(at now: ContinuousClock.Instant) {
        fullAt = max(fullAt ?? now, now) + interval
    }
}
