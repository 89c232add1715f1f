import BacktalkClient
import BacktalkProtocol
import BacktalkTesting
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Start-up and shutdown of the real daemon: stale sockets, a second daemon, SIGTERM.
@Suite struct DaemonLifecycleTests {
    @Test func sigtermAnswersWhatIsInFlightRemovesTheSocketAndExitsZero() throws {
        let daemon = try TestDaemon()
        let connection = try Connection(path: daemon.socket)
        try connection.send(RequestLine.ask("hello", id: "before"))
        #expect(try jsonObject(try #require(try connection.receiveLine()))["id"] as? String == "before")
        #expect(daemon.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
        #expect(daemon.log.contains("stopped"))
    }

    @Test func aQuestionAskedWhileTheDaemonTrainsWaitsForItsAnswer() throws {
        let socket = try temporaryDirectory() + "/backtalk.sock"
        let logPath = socket + ".log"
        #expect(FileManager.default.createFile(atPath: logPath, contents: nil))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.binaries + "/backtalkd")
        process.arguments = ["--socket", socket, "--knowledge", Repository.knowledge]
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var connection: Connection?
        let deadline = Date().addingTimeInterval(60)
        while connection == nil && process.isRunning && Date() < deadline {
            connection = try? Connection(path: socket)
            if connection == nil { usleep(2_000) }
        }
        let asking = try #require(connection, "the socket accepts while the daemon starts")
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(!log.contains("serving on"), "connected before the knowledge base was trained")
        try asking.send(RequestLine.ask("how often should I get a massage?", id: "early"))
        let reply = try jsonObject(try #require(try asking.receiveLine()))
        #expect(reply["id"] as? String == "early")
        #expect(reply["intent"] as? String == "faq.frequency")
    }

    @Test func aStaleSocketFromACrashIsReplaced() throws {
        let socket = try temporaryDirectory() + "/backtalk.sock"
        // Leave a socket file behind with nobody listening, as a crashed daemon would.
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in socket.utf8.enumerated() { bytes[index] = byte }
        }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        close(fd)
        #expect(FileManager.default.fileExists(atPath: socket))
        let daemon = try TestDaemon(socket: socket)
        let connection = try Connection(path: socket)
        try connection.send(RequestLine.ask("tak", id: "1"))
        #expect(try jsonObject(try #require(try connection.receiveLine()))["type"] as? String == "answer")
        daemon.stop()
    }

    @Test func aLiveDaemonIsNotDisplaced() throws {
        let first = try TestDaemon()
        let second = Process()
        second.executableURL = URL(fileURLWithPath: Repository.binaries + "/backtalkd")
        second.arguments = ["--socket", first.socket, "--knowledge", Repository.knowledge]
        let errors = Pipe()
        second.standardError = errors
        try second.run()
        second.waitUntilExit()
        #expect(second.terminationStatus != 0)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("already serving"))
        #expect(!log.contains("serving on"), "it says so before loading and training the knowledge base")
        let connection = try Connection(path: first.socket)
        try connection.send(RequestLine.ask("hej", id: "still"))
        #expect(try jsonObject(try #require(try connection.receiveLine()))["id"] as? String == "still")
        first.stop()
    }

    @Test func checkListsTheProblemsOfABrokenKnowledgeBase() throws {
        let directory = try temporaryDirectory()
        try "intents:\n  - id: x\n    anwser: y\n".write(toFile: directory + "/bad.yaml", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.binaries + "/backtalkd")
        process.arguments = ["--check", "--knowledge", directory]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("\(directory)/bad.yaml:3:5: unknown key 'anwser'"))
    }

    @Test func aBrokenKnowledgeBaseStopsStartUpWithItsProblemsAndLeavesNoSocket() throws {
        let directory = try temporaryDirectory()
        try "intents:\n  - id: x\n    anwser: y\n".write(toFile: directory + "/bad.yaml", atomically: true, encoding: .utf8)
        let socket = directory + "/backtalk.sock"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.binaries + "/backtalkd")
        process.arguments = ["--socket", socket, "--knowledge", directory, "--cache", directory + "/cache"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(log.contains("\(directory)/bad.yaml:3:5: unknown key 'anwser'"))
        #expect(log.contains("backtalkd --check --knowledge DIR lists them"))
        #expect(!FileManager.default.fileExists(atPath: socket), "the socket bound before loading is removed")
    }
}
