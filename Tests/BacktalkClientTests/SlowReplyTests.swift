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
        let listener = boundSocket(at: path, listening: true)
        try #require(listener >= 0)
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
