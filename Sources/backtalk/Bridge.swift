import ArgumentParser
import BacktalkClient
import BacktalkProtocol
import Foundation

extension Backtalk {
    struct Bridge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "For chat relays: JSON Lines on standard input and output.",
            discussion: """
                Each input line is an object such as {"session":"matrix:!room:alice","text":"how often?"} \
                (id and lang are optional; "type":"ask" is added when missing). Each gets exactly one reply \
                object on its own output line, in order; blank lines are skipped. When backtalkd restarts, \
                the bridge reconnects and sends the line again. See docs/CONVERSATIONS.md.
                """)

        @OptionGroup var options: ClientOptions

        @Option(help: "How long to keep trying to reconnect when backtalkd goes away, in seconds.")
        var reconnectSeconds = 30

        func run() throws {
            var client = try options.connect()
            while let input = readLine() {
                guard let request = BridgeRequest.line(from: input) else { continue }
                let reply: [UInt8]
                do {
                    reply = try client.exchange(request)
                } catch {
                    client = try reconnect(after: error)
                    do { reply = try client.exchange(request) } catch { throw unavailable(error) }
                }
                FileHandle.standardOutput.write(Data(reply + [0x0A]))
            }
        }

        /// A new connection, tried every half second for `reconnectSeconds`.
        private func reconnect(after error: any Error) throws -> DaemonClient {
            let deadline = Date().addingTimeInterval(TimeInterval(reconnectSeconds))
            var lastError = error
            while Date() < deadline {
                do { return try DaemonClient(socket: options.socket) } catch { lastError = error }
                usleep(500_000)
            }
            throw unavailable(lastError)
        }
    }
}
