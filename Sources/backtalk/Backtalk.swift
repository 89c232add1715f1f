import ArgumentParser
import BacktalkClient
import BacktalkProtocol
import Foundation

@main
struct Backtalk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtalk",
        abstract: "Ask backtalkd about lower back pain and massage, in English or Danish.",
        discussion: """
            Examples:
              backtalk "how often should I get a massage?"
                  one question (the same as backtalk ask "...")
              backtalk chat
                  a conversation; type a number to ask a follow-up
              relay | backtalk bridge | relay
                  JSON Lines for relays: {"session":"...","text":"..."} in, replies out
              some-bridge | backtalk | some-bridge
                  standard input not a terminal: one question per line in, one answer out
            The socket is --socket, else $BACKTALK_SOCKET, else $XDG_RUNTIME_DIR/backtalk.sock, \
            else /run/backtalk/backtalk.sock.
            \(ExitStatus.summary)
            """,
        version: BacktalkVersion.current,
        subcommands: [Ask.self, Chat.self, Bridge.self, Status.self, Intents.self, Stats.self, Reload.self],
        defaultSubcommand: Ask.self
    )

    /// Runs the command line, with options allowed before the subcommand.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] {
            print(BacktalkVersion.current)
            return
        }
        main(
            LeadingOptions.subcommandFirst(
                arguments, subcommands: Set(configuration.subcommands.map { $0._commandName }),
                optionsTakingValues: ["--socket", "--lang", "--reconnect-seconds"]))
    }
}

/// Options every subcommand takes.
struct ClientOptions: ParsableArguments {
    @Option(help: "The daemon's Unix socket.")
    var socket: String?

    @Flag(help: "Print the daemon's raw JSON reply.")
    var json = false

    /// Connects, or exits with a line that says what went wrong and what to do.
    func connect() throws -> DaemonClient {
        do {
            let client = try DaemonClient(socket: socket)
            if isatty(2) == 1 {
                client.onSlowReply = {
                    FileHandle.standardError.write(
                        Data("backtalk: backtalkd is still starting (it trains for a few seconds); your question waits…\n".utf8))
                }
            }
            return client
        } catch {
            let installation = UnreachableAdvice.Installation(executable: ProgramLocation.executable)
            let message = UnreachableAdvice.message(for: error, installation: installation)
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw ExitCode(ExitStatus.unavailable.rawValue)
        }
    }
}

/// Exits with `ExitStatus.unavailable` when the connection breaks mid-way.
func unavailable(_ error: any Error) -> ExitCode {
    FileHandle.standardError.write(Data("backtalk: \(error)\n".utf8))
    return ExitCode(ExitStatus.unavailable.rawValue)
}

/// Whether standard input is a terminal.
var standardInputIsTerminal: Bool { isatty(0) == 1 }
