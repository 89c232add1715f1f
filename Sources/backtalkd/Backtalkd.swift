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
        subcommands: [Serve.self, Train.self, Evaluate.self],
        defaultSubcommand: Serve.self
    )

    /// Runs the command line; `backtalkd --help` shows the options of serving, what backtalkd does by default.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            print(helpMessage(for: Serve.self))
            return
        }
        await main(arguments)
    }
}
