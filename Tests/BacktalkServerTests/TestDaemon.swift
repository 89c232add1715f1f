import BacktalkClient
import BacktalkProtocol
import Foundation
import Testing

/// Paths of the repository and of the binaries this test run was built with.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let knowledge = root + "/Knowledge"

    /// The folder holding `backtalkd` and `backtalk`: the one this test run was built into, never another
    /// build's (which may be stale). ``TestDaemon`` fails when `backtalkd` is not there.
    static let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
}

/// A temporary folder for sockets, removed by the caller.
func temporaryDirectory() throws -> String {
    let path = "/tmp/bt-" + String(UUID().uuidString.prefix(8))
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The real `backtalkd` binary, started on a temporary socket.
final class TestDaemon: @unchecked Sendable {
    let socket: String
    let process = Process()
    /// The daemon's stderr goes to a file: a pipe nobody reads would fill up and block the daemon.
    private let logPath: String

    /// Starts the daemon and waits until it answers (its socket accepts connections at once, while it trains).
    init(knowledge: String = Repository.knowledge, socket: String? = nil, arguments: [String] = []) throws {
        self.socket = try socket ?? (temporaryDirectory() + "/backtalk.sock")
        logPath = self.socket + ".log"
        guard FileManager.default.createFile(atPath: logPath, contents: nil) else { throw DaemonDidNotStart(log: "cannot create \(logPath)") }
        let binary = Repository.binaries + "/backtalkd"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw DaemonDidNotStart(log: "there is no \(binary): build it together with the tests (make test)")
        }
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--socket", self.socket, "--knowledge", knowledge] + arguments
        process.standardError = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // With no model in the cache, `backtalkd train` runs first: about 5 s in a release build on two
        // cores, and minutes under ThreadSanitizer on a busy machine.
        let deadline = Date().addingTimeInterval(240)
        while !Self.answers(on: self.socket) {
            guard process.isRunning, Date() < deadline else {
                throw DaemonDidNotStart(log: log)
            }
            usleep(20_000)
        }
    }

    /// Whether a daemon on `socket` answers a `status` request.
    private static func answers(on socket: String) -> Bool {
        guard let connection = try? Connection(path: socket),
            (try? connection.send(RequestLine.simple(.status, id: "ready"))) != nil
        else { return false }
        return (try? connection.receiveLine()) != nil
    }

    struct DaemonDidNotStart: Error, CustomStringConvertible {
        var log: String
        var description: String { "backtalkd did not start:\n\(log)" }
    }

    /// Sends SIGTERM and waits, up to 20 s before SIGKILL; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard process.processIdentifier != 0 else { return -1 }  // never started
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// Everything the daemon logged so far.
    var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    deinit { stop() }
}

/// The result of running the real `backtalk` client.
struct ClientRun {
    var status: Int32
    var output: String
    var errors: String

    /// Runs `backtalk` with `arguments`, feeding `input` to its standard input; as the user `runAs` when
    /// given (through setpriv).
    init(_ arguments: [String], input: String = "", environment: [String: String] = [:], runAs: Int? = nil) throws {
        let process = Process()
        let client = Repository.binaries + "/backtalk"
        if let runAs {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(runAs)", "--regid=\(runAs)", "--clear-groups", client] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: client)
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        output = String(decoding: out, as: UTF8.self)
        errors = String(decoding: err, as: UTF8.self)
    }
}

/// One reply line as a dictionary.
func jsonObject(_ line: [UInt8]) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
}
