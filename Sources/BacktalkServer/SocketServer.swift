import Logging
import NIOCore
import NIOExtras
import NIOPosix
import ServiceLifecycle

/// The daemon's listener: serves JSON Lines on a Unix socket until graceful shutdown, then stops
/// accepting, answers what it has received and closes every connection. It serves the socket it is given,
/// its own or the one systemd passed (socket activation); only its own socket file is removed at the end.
/// It signals `listening` once it accepts connections (``SystemdService`` then tells systemd).
struct SocketServer: Service {
    let configuration: ServerConfiguration
    let state: ServiceState
    let logger: Logger
    let listening: ListeningSignal
    let listeningSocket: ListeningSocket
    let group: any EventLoopGroup

    func run() async throws {
        let quiesce = ServerQuiescingHelper(group: group)
        let channel = try await bootstrap(quiesce: quiesce).withBoundSocket(listeningSocket.descriptor).get()
        listening.signal()

        await withGracefulShutdownHandler {
            try? await channel.closeFuture.get()
        } onGracefulShutdown: {
            logger.debug("shutting down: finishing the requests in flight")
            quiesce.initiateShutdown(promise: nil)
        }
        let allClosed = group.next().makePromise(of: Void.self)
        quiesce.initiateShutdown(promise: allClosed)
        try? await allClosed.futureResult.get()
        listeningSocket.removeOwnFile()
    }

    private func bootstrap(quiesce: ServerQuiescingHelper) -> ServerBootstrap {
        let state = self.state
        let logger = self.logger
        let configuration = self.configuration
        return ServerBootstrap(group: group)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 32 * 1024, high: 64 * 1024))
            // One read per readiness event: a closed-loop client is answered without a second read that
            // would only find the socket empty.
            .childChannelOption(.maxMessagesPerRead, value: 1)
            .childChannelInitializer { channel in
                guard state.statistics.admitConnection(limit: configuration.maximumConnections) else {
                    return channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(BusyHandler(limit: configuration.maximumConnections))
                    }
                }
                channel.closeFuture.whenComplete { _ in state.statistics.releaseConnection() }
                return PeerCredentials.of(channel).flatMapThrowing { peer in
                    let responder = RequestResponder(
                        state: state, logger: logger, logQuestions: configuration.logQuestions,
                        peer: peer)
                    try channel.pipeline.syncOperations.addHandlers(
                        IdleStateHandler(readTimeout: TimeAmount(configuration.idleTimeout)),
                        ByteToMessageHandler(JSONLinesFrameDecoder(maximumLineLength: configuration.maximumLineLength)),
                        ConnectionHandler(
                            responder: responder, maximumLineLength: configuration.maximumLineLength, logger: logger))
                }
            }
    }
}
