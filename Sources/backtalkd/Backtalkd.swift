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

    /// Runs the command line; `backtalkd --help` shows the options of serving, what backtalkd does by default.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            print(helpMessage(for: Serve.self))
            return
        }
        // At the default priority, not the main task's: libdispatch gives a higher priority's worker threads a
        // lower nice value, which a service without CAP_SYS_NICE may not take (it logs a failure for each).
        await Task(priority: .medium) {
            do {
                var command = try parseAsRoot(arguments)
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            } catch {
                exit(withError: error)
            }
        }.value
    }
}
