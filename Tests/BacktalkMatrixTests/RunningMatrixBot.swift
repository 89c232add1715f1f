import BacktalkTesting
import Foundation

/// The real `backtalk-matrix` against a test homeserver, its token in a file, its state in a folder
/// that outlives a restart; stopped when released.
final class RunningMatrixBot: @unchecked Sendable {
    private var process = Process()
    private let arguments: [String]
    private let folder: String
    private let logPath: String

    init(homeserver: TestHomeserver, token: String, socket: String, allow: [String]) throws {
        folder = try temporaryDirectory()
        logPath = folder + "/backtalk-matrix.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let tokenFile = folder + "/token"
        try (token + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)
        arguments =
            ["--homeserver", homeserver.url, "--token-file", tokenFile, "--socket", socket,
             "--state-directory", folder + "/state"] + allow.flatMap { ["--allow", $0] }
        try start()
    }

    /// Starts the bot (again); it is stopped when the tests end, if not before.
    func start() throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.binaries + "/backtalk-matrix")
        process.arguments = arguments
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try (process.standardError as? FileHandle)?.seekToEnd()
        try process.run()
        ChildProcesses.killAtExit(process.processIdentifier)
    }

    /// Stops the bot with `signal` (SIGTERM: the graceful shutdown; SIGKILL: a crash) and waits for it.
    func stop(_ signal: Int32 = SIGTERM) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        ChildProcesses.forget(process.processIdentifier)
    }

    var isRunning: Bool { process.isRunning }

    /// The bot's exit status once it has exited by itself, waiting up to `timeout` seconds; nil if it runs on.
    func exitStatus(within timeout: Double) async throws -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            guard Date() < deadline else { return nil }
            try await Task.sleep(for: .milliseconds(100))
        }
        return process.terminationStatus
    }

    /// The bot's resident memory now, in MB (from /proc), nil when it cannot be read.
    var residentMegabytes: Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes / 1024
    }

    /// What the bot logged so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
