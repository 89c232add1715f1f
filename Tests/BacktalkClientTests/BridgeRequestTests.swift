import BacktalkClient
import BacktalkProtocol
import Testing

/// What `backtalk bridge` sends the daemon for each line a relay writes.
@Suite struct BridgeRequestTests {
    private func line(_ input: String) -> String? {
        BridgeRequest.line(from: input).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func addsTheTypeWhenMissing() {
        #expect(line(#"{"session":"s","text":"hej"}"#) == #"{"type":"ask","session":"s","text":"hej"}"#)
        #expect(line(#"  { "text":"hi" }"#) == #"  {"type":"ask", "text":"hi" }"#)
        #expect(line("{}") == #"{"type":"ask"}"#)
    }

    @Test func leavesEverythingElseToTheDaemon() {
        #expect(line(#"{"type":"status"}"#) == #"{"type":"status"}"#)
        #expect(line("not json") == "not json")
        #expect(line(#"{"text":"unterminated"#) == #"{"text":"unterminated"#)
        #expect(line("   ") == nil && line("") == nil)
    }
}
