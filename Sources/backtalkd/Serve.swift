import ArgumentParser
import BacktalkCore
import BacktalkProtocol
import BacktalkServer
import Foundation
import Logging

extension Backtalkd {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answers questions about lower back pain and massage on a Unix socket, or --check the knowledge base.",
            usage: """
                backtalkd [--socket <socket>] [--knowledge <dir> ...] [<options>]
                  backtalkd --check [--knowledge <dir> ...]
                  backtalkd eval --help          answer quality: held-out batches, red flags, cross-validation
                """,
            discussion: """
                Requests and replies are JSON Lines (docs/PROTOCOL.md). Ask with `backtalk ask "how often should I \
                get a massage?"`. SIGTERM or SIGINT: stop accepting, answer what is in flight, remove the socket, \
                exit 0. SIGHUP or `backtalk reload`: reload the knowledge base; a broken one is refused.
                """)

        @OptionGroup var knowledge: KnowledgeOptions

        @OptionGroup var answering: PolicyOptions

        @Option(
            help: """
                The Unix socket to listen on when systemd passes none (default: /run/backtalk/backtalk.sock for \
                root, else $XDG_RUNTIME_DIR/backtalk.sock).
                """)
        var socket: String?

        @Option(
            help: ArgumentHelp(
                """
                    A model file made by `backtalkd train`, used when it was trained on these training questions \
                    (default: the one installed with backtalkd, when it exists).
                    """,
                valueName: "file"))
        var model: String?

        @Option(
            help: """
                Where trained models are kept (default: $CACHE_DIRECTORY from systemd's CacheDirectory=, else \
                $XDG_CACHE_HOME/backtalk, else ~/.cache/backtalk).
                """)
        var cache: String?

        @Flag(help: "Validate the knowledge base, print a one-line summary or every problem, and exit.")
        var check = false

        @Flag(help: "Log the text of each question with its intent. Off by default: health questions are private.")
        var logQuestions = false

        @Option(help: "The least level logged: trace, debug, info, notice, warning, error or critical.")
        var logLevel: Logger.Level = .info

        @Option(help: "The longest request line accepted, in bytes; longer ones get a line_too_long error.")
        var maxLineBytes = 16 * 1024

        @Option(help: "The most connections served at once; more get a busy error and are closed.")
        var maxConnections = 512

        @Option(help: "Close a connection silent for this many seconds.")
        var idleTimeout = 300

        @Option(help: "The most conversations (sessions) remembered; the least recently used one makes room.")
        var maxSessions = 10_000

        @Option(help: "Threads that serve connections (default: one per CPU).")
        var threads: Int?

        @Option(help: "Forget a conversation (session) silent for this many seconds.")
        var sessionTtl = 1800

        @Option(help: "Where to log: auto (the journal when systemd connected stderr to it), journal or stderr.")
        var logTarget: LogTarget = .auto

        @Flag(help: .hidden)
        var debugWedgeOnSigusr2 = false

        func validate() throws {
            guard maxLineBytes >= 64 else { throw ValidationError("--max-line-bytes must be at least 64") }
            guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
            guard idleTimeout >= 1 else { throw ValidationError("--idle-timeout must be at least 1 second") }
            guard maxSessions >= 1 else { throw ValidationError("--max-sessions must be at least 1") }
            guard sessionTtl >= 1 else { throw ValidationError("--session-ttl must be at least 1 second") }
        }

        func run() async throws {
            if check {
                do {
                    let base = try KnowledgeBaseLoader.load(layers: knowledge.layers)
                    print("ok: \(base.summary)")
                } catch {
                    FileHandle.standardError.write(Data((error.description + "\n").utf8))
                    FileHandle.standardError.write(
                        Data("\(error.problems.count) problem(s) in \(knowledge.layers.joined(separator: " and ")); fix them and check again\n".utf8))
                    throw ExitCode(1)
                }
                return
            }
            MallocTuning.apply()
            let level = logLevel
            let target = logTarget
            LoggingSystem.bootstrap { label in target.makeHandler(label: label, level: level) }
            let logger = Logger(label: "backtalkd")
            let environment = ProcessInfo.processInfo.environment
            let socketPath = socket ?? SocketLocation.daemonDefault(environment: environment, userID: getuid())
            // The socket first: a question asked while the knowledge base trains waits for its answer.
            let listeningSocket: ListeningSocket
            do {
                listeningSocket = try ListeningSocket.open(path: socketPath)
            } catch {
                logger.critical("\(error.description)", metadata: ["socket.path": "\(socketPath)"])
                throw ExitCode(1)
            }
            let shippedModel = KnowledgeLocation.shippedModel(besideExecutable: ProgramLocation.executable)
            let models = ModelStore(
                trainer: .childProcess(executable: ProgramLocation.executable),
                modelFile: model ?? (FileManager.default.fileExists(atPath: shippedModel) ? shippedModel : nil),
                cacheDirectory: ModelStore.cacheDirectory(option: cache, environment: environment))
            let snapshot: KnowledgeSnapshot
            do {
                snapshot = try KnowledgeSnapshot(layers: knowledge.layers, policy: answering.policy, models: models)
            } catch {
                listeningSocket.abandon()
                logger.critical(
                    "the knowledge base has problems; fix them (backtalkd --check --knowledge DIR lists them)",
                    metadata: ["knowledge.problems": "\(error.problems.count)"])
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(1)
            }
            MallocTuning.returnFreedMemory()
            for note in snapshot.modelNotes { logger.warning("\(note)") }
            logger.notice(
                "\(snapshot.logLine("serving on \(listeningSocket.path)"))",
                metadata: snapshot.logMetadata.merging(["socket.path": "\(listeningSocket.path)"]) { $1 })
            var configuration = ServerConfiguration(knowledgeLayers: knowledge.layers, models: models)
            configuration.policy = answering.policy
            configuration.logQuestions = logQuestions
            configuration.wedgeOnSIGUSR2 = debugWedgeOnSigusr2
            configuration.maximumLineLength = maxLineBytes
            configuration.maximumConnections = maxConnections
            configuration.idleTimeout = .seconds(idleTimeout)
            configuration.maximumSessions = maxSessions
            configuration.sessionTimeToLive = .seconds(sessionTtl)
            configuration.threads = threads
            do {
                try await Daemon.run(
                    configuration: configuration, snapshot: snapshot, listeningSocket: listeningSocket, logger: logger)
            } catch {
                logger.critical("backtalkd stopped on an error", metadata: ["daemon.error": "\(error)"])
                throw ExitCode(1)
            }
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
extension LogTarget: ExpressibleByArgument {}
