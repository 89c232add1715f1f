import Logging
import NIOCore
import NIOExtras
import NIOPosix
import ServiceLifecycle

/// The daemon's listener: serves JSON Lines on a Unix socket until graceful shutdown, then stops
/// accepting, answers what it has received, closes every connection and removes the socket file.
public struct SocketServer: Service {
    private let configuration: ServerConfiguration
    private let state: ServiceState
    private let logger: Logger
    private let group: any EventLoopGroup

    public init(
        configuration: ServerConfiguration,
        state: ServiceState,
        logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.state = state
        self.logger = logger
        self.group = group
    }

    public func run() async throws {
        let path = configuration.socketPath
        try SocketFile.prepare(path)
        let quiesce = ServerQuiescingHelper(group: group)
        let channel = try await bootstrap(quiesce: quiesce).bind(unixDomainSocketPath: path).get()
        SocketFile.allowEveryone(path)
        logger.info("listening", metadata: ["socket": "\(path)"])

        await withGracefulShutdownHandler {
            try? await channel.closeFuture.get()
        } onGracefulShutdown: {
            logger.info("shutting down: finishing the requests in flight")
            quiesce.initiateShutdown(promise: nil)
        }
        let allClosed = group.next().makePromise(of: Void.self)
        quiesce.initiateShutdown(promise: allClosed)
        try? await allClosed.futureResult.get()
        SocketFile.remove(path)
        logger.info("stopped", metadata: ["requests_served": "\(state.requestsServed)"])
    }

    private func bootstrap(quiesce: ServerQuiescingHelper) -> ServerBootstrap {
        let state = self.state
        let logger = self.logger
        let logQuestions = configuration.logQuestions
        let maximumLineLength = configuration.maximumLineLength
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let responder = RequestResponder(state: state, logger: logger, logQuestions: logQuestions)
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(JSONLinesFrameDecoder(maximumLineLength: maximumLineLength)),
                        ConnectionHandler(responder: responder, maximumLineLength: maximumLineLength))
                }
            }
    }
}
