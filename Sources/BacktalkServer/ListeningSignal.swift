/// Tells the services that wait for it, once, that the socket server is listening: systemd readiness must
/// not be announced before a client can connect.
final class ListeningSignal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Says that the socket is listening.
    func signal() {
        continuation.yield()
        continuation.finish()
    }

    /// Waits for the signal; false when the task was cancelled first (the server never listened).
    func untilListening() async -> Bool {
        for await _ in stream { return true }
        return false
    }
}
