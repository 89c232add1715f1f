import Foundation

/// The result of running the real `backtalk` client.
public struct ClientRun {
    public var status: Int32
    public var output: String
    public var errors: String

    /// Runs `backtalk` with `arguments`, feeding `input` to its standard input; as the user `runAs` when
    /// given (through setpriv).
    public init(_ arguments: [String], input: String = "", environment: [String: String] = [:], runAs: Int? = nil) throws {
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
