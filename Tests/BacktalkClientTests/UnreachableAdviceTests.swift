import BacktalkClient
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What the client says when it cannot reach the daemon, for each cause a real `connect` gives.
@Suite struct UnreachableAdviceTests {
    @Test func noSocketSaysTheDaemonIsNotRunningAndHowToStartItForThisInstall() throws {
        let path = try emptyFolder() + "/backtalk.sock"
        let error = try #require(unreachable(path))
        #expect(error.cause == .noSocket)
        let fromSource = UnreachableAdvice.message(for: error, installation: .sourceTree)
        #expect(fromSource.contains("not running") && fromSource.contains("make run") && fromSource.contains(path))
        let installed = UnreachableAdvice.message(for: error, installation: .system)
        #expect(installed.contains("systemctl enable --now backtalk.socket") && !installed.contains("make run"))
    }

    @Test func aSocketNobodyListensOnIsCalledLeftBehind() throws {
        let path = try emptyFolder() + "/backtalk.sock"
        let descriptor = boundSocket(at: path, listening: false)
        try #require(descriptor >= 0)
        close(descriptor)
        let error = try #require(unreachable(path))
        #expect(error.cause == .nobodyListening)
        #expect(UnreachableAdvice.message(for: error, installation: .system).contains("left behind"))
    }

    @Test func permissionDeniedSaysWhoMayAskAndWhatToCheck() {
        let error = Connection.Unreachable(
            path: "/run/backtalk/backtalk.sock", reason: "Permission denied", cause: .permissionDenied)
        let message = UnreachableAdvice.message(for: error, installation: .system)
        #expect(message.contains("Every local user may ask"))
        #expect(message.contains("ls -ld /run/backtalk /run/backtalk/backtalk.sock"))
        #expect(message.contains("SocketMode="))
    }

    @Test func theInstallationIsToldByWhereTheProgramIs() {
        #expect(UnreachableAdvice.Installation(executable: "/home/me/backtalk/.build/release/backtalk") == .sourceTree)
        #expect(UnreachableAdvice.Installation(executable: "/usr/bin/backtalk") == .system)
    }

    private func unreachable(_ path: String) -> Connection.Unreachable? {
        do {
            _ = try Connection(path: path)
            return nil
        } catch {
            return error
        }
    }

    private func emptyFolder() throws -> String {
        let path = NSTemporaryDirectory() + "backtalk-advice-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
