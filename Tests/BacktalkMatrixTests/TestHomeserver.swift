import BacktalkTesting
import Foundation

/// A real Synapse homeserver for the end-to-end tests: `Tests/Matrix/homeserver.py VENV serve`, with
/// SQLite in a temporary folder on a free local port, the given users registered with the shared secret.
/// It stops when this process's end of its standard input closes (when the tests end).
final class TestHomeserver: @unchecked Sendable {
    let url: String
    let serverName: String
    /// Each registered user's access token, by name.
    let tokens: [String: String]
    private let process = Process()
    private let input = Pipe()
    private let output: PipeLines

    /// The virtual environment with Synapse (`make matrix-deps`), from `BACKTALK_MATRIX_VENV`.
    static var venv: String? { ProcessInfo.processInfo.environment["BACKTALK_MATRIX_VENV"] }

    struct DidNotStart: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts the homeserver and registers `users`.
    init(users: [String]) throws {
        guard let venv = Self.venv, FileManager.default.fileExists(atPath: venv + "/bin/python") else {
            throw DidNotStart(description: "no Synapse virtual environment at $BACKTALK_MATRIX_VENV: run make test-matrix")
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.root + "/Tests/Matrix/homeserver.py", venv, "serve"] + users
        let pipe = Pipe()
        output = PipeLines(pipe, of: process)
        process.standardInput = input
        process.standardOutput = pipe
        try process.run()
        let line = try output.next(timeout: 120)
        guard let data = line.data(using: .utf8),
            let fields = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let url = fields["url"] as? String, let serverName = fields["server_name"] as? String,
            let tokens = fields["tokens"] as? [String: String]
        else { throw DidNotStart(description: "homeserver.py printed \(line)") }
        self.url = url
        self.serverName = serverName
        self.tokens = tokens
    }

    /// The user ID of `name` on this server.
    func userID(_ name: String) -> String { "@\(name):\(serverName)" }

    /// Stops the homeserver and starts it again on the same port and data; returns once it answers.
    func restart() throws {
        input.fileHandleForWriting.write(Data("restart\n".utf8))
        let line = try output.next(timeout: 120)
        guard line == "restarted" else { throw DidNotStart(description: "homeserver.py printed \(line) at a restart") }
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// The lines a child process prints on a pipe, read as they come.
private final class PipeLines {
    private let pipe: Pipe
    private let process: Process
    private var buffered = Data()

    init(_ pipe: Pipe, of process: Process) {
        self.pipe = pipe
        self.process = process
    }

    /// The next line, waiting up to `timeout` seconds for it.
    func next(timeout: TimeInterval) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            guard process.isRunning, Date() < deadline else {
                throw TestHomeserver.DidNotStart(
                    description: "homeserver.py printed no line within \(Int(timeout)) s"
                        + (process.isRunning ? "" : " (it exited with \(process.terminationStatus))"))
            }
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { usleep(50_000) } else { buffered += chunk }
        }
    }
}
