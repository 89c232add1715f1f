import ArgumentParser
import BacktalkClient
import BacktalkProtocol
import Foundation

/// A subcommand that sends one request of `requestType` and prints the reply.
protocol SingleRequestCommand: ParsableCommand {
    static var requestType: RequestType { get }
    var options: ClientOptions { get }
}

extension SingleRequestCommand {
    /// Prints the reply: raw with --json, else as text for a person; an error reply exits with its status.
    func run() throws {
        let client = try options.connect()
        let line: [UInt8]
        do { line = try client.request(Self.requestType) } catch { throw unavailable(error) }
        let reply = try Reply(line: line)
        if reply.replyType == .error {
            FileHandle.standardError.write(Data((ReplyFormatter.singleLine(of: reply) + "\n").utf8))
            throw ExitCode(ExitStatus.errorReply.rawValue)
        }
        if options.json {
            print(String(decoding: line, as: UTF8.self))
            return
        }
        let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] ?? [:]
        print(AdminReplyFormatter.text(of: object))
    }
}

extension Backtalk {
    struct Status: SingleRequestCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the daemon's version, knowledge base, uptime and requests served.")
        static let requestType = RequestType.status
        @OptionGroup var options: ClientOptions
    }

    struct Intents: SingleRequestCommand {
        static let configuration = CommandConfiguration(abstract: "List the intents backtalk answers, with their titles.")
        static let requestType = RequestType.intents
        @OptionGroup var options: ClientOptions
    }

    struct Stats: SingleRequestCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the daemon's counters (root or the service's own user only).")
        static let requestType = RequestType.stats
        @OptionGroup var options: ClientOptions
    }

    struct Reload: SingleRequestCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reload the knowledge base and report the outcome (root or the service's own user only).")
        static let requestType = RequestType.reload
        @OptionGroup var options: ClientOptions
    }
}
