import Logging
import NIOCore
import ServiceLifecycle

/// Runs an ``IRCBridge`` as a service of a `ServiceGroup`: starts it on its event loop, and at the graceful
/// shutdown (SIGTERM or SIGINT, through ServiceLifecycle's signal handling) says goodbye to the IRC server
/// and closes both connections.
public struct IRCBridgeService: Service {
    private let bridge: NIOLoopBound<IRCBridge>
    private let loop: any EventLoop

    /// Sets the bridge up on `loop`.
    /// - Throws: when TLS is asked for and its certificates cannot be loaded.
    public init(configuration: IRCBridgeConfiguration, loop: any EventLoop, logger: Logger) async throws {
        self.loop = loop
        bridge = try await loop.submit {
            NIOLoopBound(try IRCBridge(configuration: configuration, loop: loop, logger: logger), eventLoop: loop)
        }.get()
    }

    public func run() async throws {
        let bridge = self.bridge
        try await loop.submit { bridge.value.start() }.get()
        try? await gracefulShutdown()
        try await loop.flatSubmit { bridge.value.stop() }.get()
    }
}
