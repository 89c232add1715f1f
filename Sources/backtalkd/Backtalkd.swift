import ArgumentParser
import BacktalkCore
import BacktalkProtocol
import BacktalkServer

@main
struct Backtalkd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtalkd",
        abstract: "Answers questions about lower back pain and massage, in English and Danish, on a Unix socket.",
        discussion: """
            Requests and replies are JSON Lines (docs/PROTOCOL.md). Ask with `backtalk ask "how often should I get a massage?"`.
            SIGTERM or SIGINT: stop accepting, answer what is in flight, remove the socket, exit 0.
            """,
        version: BacktalkVersion.current,
        subcommands: [Serve.self, Evaluate.self],
        defaultSubcommand: Serve.self
    )
}
