@testable import BacktalkMatrix
import BacktalkDaemonLink
import BacktalkProtocol
import Testing

/// The bridge's small rules: which failures are tried again and how long it waits, conversation names,
/// quoted replies, URL escaping.
@Suite struct MatrixBridgeRulesTests {
    @Test func rateLimitsServerErrorsAndLostConnectionsAreTriedAgain() {
        let limited = MatrixRequestError.refused(
            status: 429, code: "M_LIMIT_EXCEEDED", message: "Too Many Requests", retryAfter: .milliseconds(1500))
        #expect(limited.isTransient && limited.retryAfter == .milliseconds(1500))
        #expect(MatrixRequestError.refused(status: 502, code: "HTTP 502", message: "", retryAfter: nil).isTransient)
        #expect(MatrixRequestError.unreachable("connection refused").isTransient)
        let forbidden = MatrixRequestError.refused(status: 403, code: "M_FORBIDDEN", message: "", retryAfter: nil)
        #expect(!forbidden.isTransient && !forbidden.isBadToken && forbidden.refusesRequest)
        #expect(!limited.refusesRequest && !MatrixRequestError.unreadable("not JSON").refusesRequest)
        let badToken = MatrixRequestError.refused(status: 401, code: "M_UNKNOWN_TOKEN", message: "", retryAfter: nil)
        #expect(!badToken.isTransient && badToken.isBadToken && !badToken.refusesRequest)
        #expect(MatrixBridgeError.refusedToken(badToken).description.contains("put the new token in the token file"))
    }

    @Test func theWaitDoublesUpToItsMaximumAndStartsAgainAfterASuccess() {
        var backoff = Backoff(maximum: .seconds(60))
        #expect((0..<8).map { _ in backoff.next() } == [1, 2, 4, 8, 16, 32, 60, 60].map { Duration.seconds($0) })
        backoff.reset()
        #expect(backoff.next() == .seconds(1))
    }

    @Test func aConversationIsARoomAndASenderWithinTheProtocolsLimit() {
        #expect(MatrixBridge.session(room: "!r:clinic.dk", sender: "@alice:clinic.dk") == "matrix:!r:clinic.dk:@alice:clinic.dk")
        let long = MatrixBridge.session(room: "!" + String(repeating: "r", count: 200) + ":clinic.dk", sender: "@alice:clinic.dk")
        #expect(long.hasPrefix("matrix:") && long.utf8.count <= RequestDecoder.maximumSessionBytes)
        let other = MatrixBridge.session(room: "!" + String(repeating: "r", count: 200) + ":clinic.dk", sender: "@bob:clinic.dk")
        #expect(long != other)
    }

    @Test func aReplysQuotedQuestionIsLeftOut() {
        #expect(MatrixBridge.withoutQuotedReply("> <@backtalk:clinic.dk> Once a week.\n> more\n\nand how often?") == "and how often?")
        #expect(MatrixBridge.withoutQuotedReply("and how often?") == "and how often?")
    }

    @Test func pathSegmentsAndQueryValuesAreEscaped() {
        #expect(MatrixClient.escaped("!room:clinic.dk") == "%21room%3Aclinic.dk")
        #expect(MatrixClient.escaped("$ev/ent+id=") == "%24ev%2Fent%2Bid%3D")
        #expect(MatrixClient.escaped("ø") == "%C3%B8")
    }
}
