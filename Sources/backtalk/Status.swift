import ArgumentParser
import BacktalkClient
import Foundation

extension Backtalk {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the daemon's version, knowledge base, uptime and requests served.")

        @OptionGroup var options: ClientOptions

        func run() throws {
            try printRawOrPretty(type: "status", options: options)
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the daemon's counters (root or the service's own user only).")

        @OptionGroup var options: ClientOptions

        func run() throws {
            try printRawOrPretty(type: "stats", options: options)
        }
    }

    struct Reload: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reload the knowledge base and report the outcome (root or the service's own user only).")

        @OptionGroup var options: ClientOptions

        func run() throws {
            try printRawOrPretty(type: "reload", options: options)
        }
    }

    struct Intents: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the intents backtalk answers, with their titles.")

        @OptionGroup var options: ClientOptions

        func run() throws {
            try printRawOrPretty(type: "intents", options: options)
        }
    }
}

/// Prints the reply to a `status`, `intents`, `stats` or `reload` request: raw with --json, else indented
/// JSON; an error reply exits with its status.
private func printRawOrPretty(type: String, options: ClientOptions) throws {
    let client = try options.connect()
    let line: [UInt8]
    do { line = try client.request(type) } catch { throw unavailable(error) }
    let reply = try Reply(line: line)
    if reply.type == "error" {
        FileHandle.standardError.write(Data((ReplyFormatter.singleLine(of: reply) + "\n").utf8))
        throw ExitCode(ExitStatus.errorReply.rawValue)
    }
    if options.json {
        print(String(decoding: line, as: UTF8.self))
        return
    }
    let object = try JSONSerialization.jsonObject(with: Data(line))
    let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    print(String(decoding: pretty, as: UTF8.self))
}
