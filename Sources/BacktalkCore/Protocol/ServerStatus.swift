/// What the daemon reports about itself in a `status` reply.
public struct ServerStatus: Sendable {
    public var version: String
    /// When the knowledge base in service was loaded, as an ISO 8601 date.
    public var loadedAt: String
    /// How long loading and training took.
    public var loadSeconds: Double
    public var uptimeSeconds: Double
    public var requestsServed: Int

    public init(version: String, loadedAt: String, loadSeconds: Double, uptimeSeconds: Double, requestsServed: Int) {
        self.version = version
        self.loadedAt = loadedAt
        self.loadSeconds = loadSeconds
        self.uptimeSeconds = uptimeSeconds
        self.requestsServed = requestsServed
    }
}
