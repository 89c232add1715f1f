import ArgumentParser
import BacktalkClient
import BacktalkProtocol
import Foundation

extension Backtalk {
    struct Chat: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Talk with backtalk: a conversation that remembers what was said; /help lists the commands.",
            discussion: """
                Type a question, the number of a suggestion, "yes" or "tell me more", or a short follow-up \
                such as "and how often?". Line editing and history as in a shell (arrows, Ctrl-A/E/K/U/W); \
                the history is kept in memory only. Colours when the output is a terminal, unless NO_COLOR is set.
                """)

        @OptionGroup var options: ClientOptions

        @Option(help: "Answer in this language (en or da) instead of the question's; /lang changes it.")
        var lang: String?

        func validate() throws {
            if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang must be en or da") }
        }

        static let help = """
            Ask about lower back pain and massage, in English or Danish. Type a number to pick a suggestion.
              /lang da|en|auto   answer in Danish, in English, or in the question's language
              /reset             start a new conversation
              /help              this help
              /quit              leave (or Ctrl-D)
            """

        func run() throws {
            let client = try options.connect()
            let style = ChatStyle(outputIsTerminal: isatty(1) == 1, environment: ProcessInfo.processInfo.environment)
            var reader = TerminalLineReader()
            var session = Self.newSession()
            var language = lang.flatMap(Language.init(rawValue:))
            var offered: [Reply.Suggestion] = []
            print(style.dim(Self.help))
            while let input = reader.readLine(prompt: style.prompt("> "), promptWidth: 2) {
                let question = input.trimmingCharacters(in: .whitespaces)
                if question.isEmpty { continue }
                if question.hasPrefix("/") {
                    let words = question.split(separator: " ")
                    switch words[0] {
                    case "/quit", "/exit": return
                    case "/help": print(style.dim(Self.help))
                    case "/reset":
                        session = Self.newSession()
                        offered = []
                        print(style.dim("A new conversation."))
                    case "/lang" where words.count == 2 && (words[1] == "auto" || Language(rawValue: String(words[1])) != nil):
                        language = Language(rawValue: String(words[1]))
                        print(style.dim("Answers in \(language?.name ?? "the question's language")."))
                    default: print(style.dim("Unknown command \(words[0]); /help lists the commands."))
                    }
                    continue
                }
                let line: [UInt8]
                do { line = try client.ask(question, language: language, session: session) } catch { throw unavailable(error) }
                let reply = try Reply(line: line)
                if options.json {
                    print(String(decoding: line, as: UTF8.self))
                } else {
                    if let picked = ReplyFormatter.pickedQuestion(of: reply, offered: offered) {
                        print(style.heading("» " + picked))
                    }
                    print(ReplyFormatter.text(of: reply, extent: .summaryFirst, numbered: true, style: style))
                }
                print("")
                offered = reply.nextQuestions
            }
        }

        /// A session name of this chat's own: 128 random bits, so nobody can guess it (and the daemon keeps
        /// each user's sessions apart anyway).
        private static func newSession() -> String {
            var random = SystemRandomNumberGenerator()
            return "chat:" + String(random.next() as UInt64, radix: 16) + String(random.next() as UInt64, radix: 16)
        }
    }
}
