import BacktalkClient
import BacktalkProtocol
import Foundation

/// The real `backtalkd` binary, started on a temporary socket.
public final class TestDaemon: @unchecked Sendable {
    public let socket: String
    public let process = Process()
    /// The daemon's stderr goes to a file: a pipe nobody reads would fill up and block the daemon.
    private let logPath: String

    /// Starts the daemon and waits until it answers (its socket accepts connections at once, while it trains).
    public init(knowledge: String = Repository.knowledge, socket: String? = nil, arguments: [String] = []) throws {
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

    public struct DaemonDidNotStart: Error, CustomStringConvertible {
        var log: String
        public var description: String { "backtalkd did not start:\n\(log)" }
    }

    /// Sends SIGTERM and waits, up to 20 s before SIGKILL; returns the exit status.
    @discardableResult
    public func stop() -> Int32 {
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
    public var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    deinit { stop() }
}
