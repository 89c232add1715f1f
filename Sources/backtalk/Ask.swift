import ArgumentParser
import BacktalkClient
import BacktalkProtocol
import Foundation

extension Backtalk {
    struct Ask: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask one question; with no question and standard input not a terminal, ask each input line.")

        @OptionGroup var options: ClientOptions

        @Option(help: "Answer in this language (en or da) instead of the question's.")
        var lang: String?

        @Argument(help: "The question.")
        var words: [String] = []

        func validate() throws {
            if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang must be en or da") }
            if words.isEmpty && standardInputIsTerminal {
                throw ValidationError("give a question, e.g. backtalk ask \"how often should I get a massage?\", or use backtalk chat")
            }
        }

        func run() throws {
            let client = try options.connect()
            if words.isEmpty {
                try answerEachLine(client)
                return
            }
            let line: [UInt8]
            do { line = try client.ask(words.joined(separator: " "), language: lang.flatMap(Language.init(rawValue:))) } catch { throw unavailable(error) }
            let reply = try Reply(line: line)
            print(options.json ? String(decoding: line, as: UTF8.self) : ReplyFormatter.text(of: reply, extent: .whole, numbered: false))
            let status = ExitStatus(replyType: reply.replyType)
            if status != .answered { throw ExitCode(status.rawValue) }
        }

        /// Bridge mode: one question per input line, one answer per output line.
        private func answerEachLine(_ client: DaemonClient) throws {
            // Every input line gets one output line, an empty one an error line, so a bridge can pair them.
            while let question = readLine() {
                let line: [UInt8]
                do { line = try client.ask(question, language: lang.flatMap(Language.init(rawValue:))) } catch { throw unavailable(error) }
                if options.json {
                    print(String(decoding: line, as: UTF8.self))
                } else {
                    print(ReplyFormatter.singleLine(of: try Reply(line: line)))
                }
                fflush(nil)
            }
        }
    }
}
