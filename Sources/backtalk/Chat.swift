import ArgumentParser
import BacktalkClient
import Foundation

extension Backtalk {
    struct Chat: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Talk with backtalk: type a question, or the number of a suggested one; /quit leaves.")

        @OptionGroup var options: ClientOptions

        func run() throws {
            let client = try options.connect()
            print("Ask about lower back pain and massage, in English or Danish. A number asks a suggestion; /quit leaves.")
            var suggestions: [Reply.Suggestion] = []
            while true {
                print("> ", terminator: "")
                fflush(nil)
                guard let input = readLine()?.trimmingCharacters(in: .whitespaces) else { break }
                if input.isEmpty { continue }
                if input == "/quit" || input == "/exit" { break }
                var question = input
                if let number = Int(input) {
                    guard suggestions.indices.contains(number - 1) else {
                        print("There is no suggestion \(number); type a question or one of the numbers shown.")
                        continue
                    }
                    question = suggestions[number - 1].question
                    print("  \(question)")
                }
                let line: [UInt8]
                do { line = try client.ask(question) } catch { throw unavailable(error) }
                let reply = try Reply(line: line)
                print(options.json ? String(decoding: line, as: UTF8.self) : ReplyFormatter.text(of: reply, numbered: true))
                print("")
                suggestions = reply.nextQuestions
            }
        }
    }
}
