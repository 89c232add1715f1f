import BacktalkClient
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A daemon that is still starting accepts connections (they wait in its socket's backlog) but answers late:
/// the client says so once instead of hanging silently.
@Suite struct SlowReplyTests {
    @Test func aSlowReplyIsNoticedOnce() throws {
        let path = NSTemporaryDirectory() + "backtalk-slow-" + UUID().uuidString.prefix(8) + ".sock"
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in path.utf8.enumerated() { bytes[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0 && listen(listener, 8) == 0)
        defer { unlink(path) }
        // Nobody accepts: the connection waits in the backlog, as with a daemon that is training.
        let connection = try Connection(path: path)
        connection.slowReplySeconds = 0.2
        var notices = 0
        connection.onSlowReply = {
            notices += 1
            close(listener)  // the "daemon" goes away, so the read below ends
        }
        try connection.send(Array(#"{"type":"status"}"#.utf8))
        _ = try? connection.receiveLine()
        #expect(notices == 1)
    }
}
