import BacktalkIRC
import BacktalkTesting
import Foundation
import Testing

/// A real ngircd (Debian's `ngircd` package) on a loopback port, started for a test and stopped after;
/// it also listens with TLS on `tlsPort`, with a self-signed certificate for `localhost` in
/// `certificateFile`.
final class IRCTestServer: @unchecked Sendable {
    static let binary = "/usr/sbin/ngircd"
    let port: Int
    let tlsPort: Int
    let certificateFile: String
    private let folder: String
    private var process: Process?

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw IRCTestFailure(description: "\(Self.binary) is missing; install it with `make deps` (apt-get install ngircd)")
        }
        folder = try temporaryDirectory()
        port = Int.random(in: 20_000..<60_000)
        tlsPort = port + 1
        certificateFile = folder + "/cert.pem"
        try Self.makeCertificate(in: folder)
        let configuration = """
            [Global]
            \tName = irc.backtalk.test
            \tInfo = backtalk test server
            \tListen = 127.0.0.1
            \tPorts = \(port)
            \tMotdPhrase = backtalk test
            [Limits]
            \tMaxConnectionsIP = 0
            [Options]
            \tPAM = no
            \tIdent = no
            \tDNS = no
            [SSL]
            \tCertFile = \(folder)/cert.pem
            \tKeyFile = \(folder)/key.pem
            \tPorts = \(tlsPort)
            [Channel]
            \tName = #backpain
            """
        try configuration.write(toFile: folder + "/ngircd.conf", atomically: true, encoding: .utf8)
        try start()
    }

    struct IRCTestFailure: Error, CustomStringConvertible { var description: String }

    /// A self-signed certificate and key for `localhost` and 127.0.0.1, readable by ngircd's user.
    private static func makeCertificate(in folder: String) throws {
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem",
        ]
        openssl.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        openssl.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw IRCTestFailure(description: "openssl could not make a certificate") }
        for path in [folder, folder + "/key.pem", folder + "/cert.pem"] {
            try FileManager.default.setAttributes([.posixPermissions: path == folder ? 0o755 : 0o644], ofItemAtPath: path)
        }
    }

    /// Starts the server and waits until it accepts connections.
    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["--nodaemon", "--config", folder + "/ngircd.conf"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(15)
        while (try? IRCTestClient(port: port, nick: nil)) == nil {
            guard process.isRunning, Date() < deadline else { throw IRCTestFailure(description: "ngircd did not start on port \(port)") }
            usleep(50_000)
        }
    }

    /// Stops the server at once (SIGKILL: ngircd started from a test process keeps SIGTERM blocked), as
    /// a crash would; the kernel closes its connections.
    func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// A minimal IRC client over a blocking TCP socket: registers, joins, sends and waits for messages,
/// answering PING on the way.
final class IRCTestClient {
    private let descriptor: Int32
    private var buffered: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; registers as `nick` unless nil.
    init(port: Int, nick: String?) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw IRCTestServer.IRCTestFailure(description: "cannot connect to port \(port)")
        }
        if let nick {
            try send("NICK \(nick)")
            try send("USER \(nick) 0 * :test client")
            _ = try waitFor(timeout: 10) { $0.command == "001" }
        }
    }

    deinit { close(descriptor) }

    func send(_ line: String) throws {
        let bytes = Array((line + "\r\n").utf8)
        guard Glibc.send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else {
            throw IRCTestServer.IRCTestFailure(description: "the IRC connection is closed")
        }
    }

    /// The next message that satisfies `matches`, within `timeout` seconds; nil when none came.
    func waitFor(timeout: Double, _ matches: (IRCMessage) -> Bool) throws -> IRCMessage? {
        let deadline = Date().addingTimeInterval(timeout)
        while let line = try readLine(until: deadline) {
            guard let message = IRCMessage(line: Substring(line)) else { continue }
            if message.command == "PING" { try send(IRCMessage("PONG", message.parameters).line) }
            if matches(message) { return message }
        }
        return nil
    }

    private func readLine(until deadline: Date) throws -> String? {
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                let line = buffered[..<newline].filter { $0 != 0x0D }
                buffered.removeSubrange(...newline)
                return String(decoding: line, as: UTF8.self)
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return nil }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(remaining * 1000)) > 0 else { return nil }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = recv(descriptor, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffered += chunk[..<count]
        }
    }
}
