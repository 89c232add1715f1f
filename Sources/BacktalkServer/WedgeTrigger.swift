import Glibc
import NIOCore
import ServiceLifecycle
import UnixSignals

/// For testing the watchdog only (off unless `--debug-wedge-on-sigusr2` is given): SIGUSR2 blocks every
/// event loop forever, as a deadlock would, so systemd's watchdog must restart the service.
struct WedgeTrigger: Service {
    let group: any EventLoopGroup

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sigusr2).cancelOnGracefulShutdown() {
            for loop in group.makeIterator() {
                loop.execute {
                    while true { sleep(3600) }
                }
            }
        }
    }
}
