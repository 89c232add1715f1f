import BacktalkClient
import BacktalkProtocol
import BacktalkServer
import BacktalkTesting
import Foundation
import Testing

/// Limits and bad input on the real daemon: each malformed input gets its error and the same connection
/// then answers; the connection cap, the idle timeout, backpressure and who may administer.
@Suite(.serialized) struct LimitsTests {
    var daemon: TestDaemon { EndToEndTests.daemon }

    /// Sends `bytes` as one line, expects an error with `code`, then a normal answer on the same connection.
    private func expectError(_ bytes: [UInt8], code: String) throws {
        let connection = try Connection(path: daemon.socket)
        try connection.send(bytes)
        let error = try jsonObject(try #require(try connection.receiveLine()))
        #expect(error["code"] as? String == code, "\(String(decoding: bytes.prefix(80), as: UTF8.self))")
        try connection.send(RequestLine.ask("hvor tit skal jeg have massage?", id: "next"))
        let reply = try jsonObject(try #require(try connection.receiveLine()))
        #expect(reply["id"] as? String == "next" && reply["intent"] as? String == "faq.frequency")
    }

    @Test func nulBytes() throws {
        try expectError(Array(#"{"type":"ask","text":"a"#.utf8) + [0] + Array(#"b"}"#.utf8), code: "invalid_json")
        try expectError([0] + Array(#"{"type":"ask","text":"ab"}"#.utf8), code: "invalid_json")
    }

    @Test func deeplyNestedJSON() throws {
        let nested = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        try expectError(Array(#"{"type":"ask","text":"hi","x":\#(nested)}"#.utf8), code: "invalid_json")
    }

    @Test func hugeJSONOverTheLimit() throws {
        let many = (0..<3000).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        try expectError(Array(#"{"type":"ask","text":"hi",\#(many)}"#.utf8), code: "line_too_long")
    }

    @Test func numbersWhereStringsBelong() throws {
        try expectError(Array(#"{"type":"ask","text":12.5}"#.utf8), code: "invalid_field")
        try expectError(Array(#"{"type":7,"text":"hi"}"#.utf8), code: "invalid_field")
    }

    @Test func ordinaryUsersMayAskButNotAdminister() throws {
        // SO_PEERCRED sees the user the client runs as.
        let ask = try ClientRun(["ask", "--socket", daemon.socket, "hej"], runAs: 65534)
        #expect(ask.status == 0, "\(ask.errors)")
        let alarm = try ClientRun(["ask", "--socket", daemon.socket, "numb groin"], runAs: 65534)
        #expect(alarm.status == 0 && alarm.output.hasPrefix("EMERGENCY"), "\(alarm.output)")
        let stats = try ClientRun(["stats", "--socket", daemon.socket], runAs: 65534)
        #expect(stats.status == 1)
        #expect(stats.errors.contains("forbidden"))
        let ownStats = try ClientRun(["stats", "--socket", daemon.socket, "--json"])
        #expect(ownStats.status == 0)
        let counters = try jsonObject(Array(ownStats.output.utf8.dropLast()))
        #expect((counters["requests"] as? [String: Int])?["ask"] ?? 0 > 0)
        #expect((counters["safety_answers"] as? [String: Int])?["emergency.phrase"] ?? 0 > 0, "safety answers by level and how")
        #expect(!ownStats.output.contains("hej") && !ownStats.output.contains("groin"), "counters hold no question text")
    }

    @Test func anAdministratorReloadsAndHearsTheOutcome() throws {
        let connection = try Connection(path: daemon.socket)
        // The reload reply keeps its place: the ask sent after it is answered after it.
        try connection.send(RequestLine.simple(.reload, id: "r") + [0x0A] + RequestLine.ask("hej", id: "after"))
        let reload = try jsonObject(try #require(try connection.receiveLine()))
        #expect(reload["id"] as? String == "r")
        #expect(reload["type"] as? String == "reloaded")
        #expect(try jsonObject(try #require(try connection.receiveLine()))["id"] as? String == "after")
    }
}

/// Limits that need a daemon of their own.
@Suite struct ConnectionLimitTests {
    @Test func pastTheCapNewConnectionsGetBusyAndServedOnesCarryOn() async throws {
        let (served, busy, closed, still) = try await InProcessDaemon.run(configure: { $0.maximumConnections = 2 }) {
            socket in
            // In process nothing probed the daemon: these are its first two connections.
            let first = try Connection(path: socket)
            let second = try Connection(path: socket)
            var served: [String?] = []
            for connection in [first, second] {
                try connection.send(RequestLine.ask("hej", id: "ok"))
                served.append(try jsonObject(connection.receiveLine() ?? [])["type"] as? String)
            }
            let third = try Connection(path: socket)
            let busy = try jsonObject(third.receiveLine() ?? [])["code"] as? String
            let closed = try third.receiveLine() == nil
            try first.send(RequestLine.ask("tak", id: "still"))
            let still = try jsonObject(first.receiveLine() ?? [])["id"] as? String
            return (served, busy, closed, still)
        }
        #expect(served == ["answer", "answer"])
        #expect(busy == "busy" && closed)
        #expect(still == "still")
    }

    /// `--threads 1` serves several connections on one event loop, and stops cleanly.
    @Test func oneThreadServesEveryConnection() async throws {
        let replies = try await InProcessDaemon.run(configure: { $0.threads = 1 }) { socket in
            let connections = try (0..<3).map { _ in try Connection(path: socket) }
            for (index, connection) in connections.enumerated() {
                try connection.send(RequestLine.ask("how often should I get a massage?", id: "\(index)"))
            }
            return try connections.map { connection in
                let reply = try jsonObject(connection.receiveLine() ?? [])
                return "\(reply["id"] as? String ?? "-") \(reply["intent"] as? String ?? "-")"
            }
        }
        #expect(replies == ["0 faq.frequency", "1 faq.frequency", "2 faq.frequency"])
    }

    @Test func silentConnectionsAreClosed() async throws {
        let (closed, seconds) = try await InProcessDaemon.run(configure: { $0.idleTimeout = .seconds(1) }) { socket in
            let connection = try Connection(path: socket)
            try connection.send(RequestLine.ask("hej", id: "1"))
            _ = try connection.receiveLine()
            let start = Date()
            let closed = try connection.receiveLine() == nil
            return (closed, Date().timeIntervalSince(start))
        }
        #expect(closed && seconds < 5, "closed: \(closed) after \(seconds) s")
    }

    @Test func aClientThatNeverReadsCostsBoundedMemoryAndOthersKeepTheirSpeed() async throws {
        // The slow client's connection outlives the test body; the daemon closes it at shutdown.
        let daemon = try TestDaemon()
        let socket = daemon.socket
        let request = RequestLine.ask("how often should I get a massage?", id: "slow") + [0x0A]
        let chunk = Array((0..<500).map { _ in request }.joined())
        // Write without ever reading, on a thread of its own: the daemon stops taking the bytes, so the
        // writes block until the daemon closes the connection.
        let progress = WriterProgress()
        let writer = Thread {
            guard let slow = try? Connection(path: socket) else { return progress.end() }
            while (try? slow.sendWithoutNewline(chunk)) != nil { progress.wrote() }
            progress.end()
        }
        writer.start()
        try await Task.sleep(for: .milliseconds(1500))
        // There is a slow reader: it connected, wrote, and is now blocked with its connection open.
        let written = progress.chunks
        try await Task.sleep(for: .milliseconds(300))
        #expect(written > 0 && progress.chunks == written && !progress.ended,
            "the slow client wrote \(written) then \(progress.chunks) chunks, ended: \(progress.ended)")
        let fast = try Connection(path: socket)
        let start = ContinuousClock.now
        for index in 0..<100 {
            try fast.send(RequestLine.ask("hej", id: "\(index)"))
            _ = try #require(try fast.receiveLine())
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(2), "100 questions took \(elapsed) beside a slow reader")
        let rss = try residentKilobytes(of: daemon.process.processIdentifier)
        // ThreadSanitizer's shadow memory multiplies the daemon's resident size; `make test-sanitizers`
        // sets TSAN_OPTIONS, and the bound is four times as large then.
        let limit = ProcessInfo.processInfo.environment["TSAN_OPTIONS"] == nil ? 300_000 : 1_200_000
        #expect(rss < limit, "the daemon holds \(rss) KiB beside a client that never reads")
        #expect(daemon.stop() == 0)
    }

    /// The resident set size from `/proc/PID/status`; throws when it cannot be read, so the check above
    /// cannot pass without a figure.
    private func residentKilobytes(of pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        let kilobytes = try #require(Int(line.split(separator: " ").dropFirst().first ?? ""))
        #expect(kilobytes > 0)
        return kilobytes
    }
}

/// Every request answered exactly once, in order, across a graceful shutdown.
@Suite struct ShutdownTests {
    @Test func pipelinedRequestsAreAllAnsweredAcrossSIGTERM() throws {
        let daemon = try TestDaemon()
        let connection = try Connection(path: daemon.socket)
        let count = 3000
        var batch: [UInt8] = []
        for index in 0..<count { batch += RequestLine.ask("hvor tit skal jeg have massage", id: "\(index)") + [0x0A] }
        try connection.sendWithoutNewline(batch)
        daemon.process.terminate()
        var answered = 0
        while let line = try connection.receiveLine() {
            #expect(try jsonObject(line)["id"] as? String == "\(answered)")
            answered += 1
        }
        print("graceful shutdown: \(count) requests sent, \(answered) replies")
        #expect(answered == count)
        #expect(daemon.stop() == 0)
    }
}

/// What a writer thread has done, read from the test: chunks written, and whether it stopped.
private final class WriterProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var written = 0
    private var stopped = false

    var chunks: Int { lock.withLock { written } }
    var ended: Bool { lock.withLock { stopped } }
    func wrote() { lock.withLock { written += 1 } }
    func end() { lock.withLock { stopped = true } }
}
