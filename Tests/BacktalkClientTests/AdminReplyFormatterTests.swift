import BacktalkClient
import Foundation
import Testing

/// `backtalk status`, `intents`, `stats` and `reload` print text for a person unless --json.
@Suite struct AdminReplyFormatterTests {
    private func text(_ line: String) throws -> String {
        AdminReplyFormatter.text(of: try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
    }

    @Test func status() throws {
        let line = #"{"type":"status","version":"0.1.0","knowledge":{"digest":"5c7b","loaded_at":"2026-11-25T13:53:07Z","load_seconds":0.170,"intents":37,"questions":{"en":3531,"da":3512}},"uptime_seconds":3725.5,"requests_served":36}"#
        #expect(
            try text(line) == "backtalkd 0.1.0, up 1 h 2 min, 36 requests served\n"
                + "knowledge: 37 intents, 3531 English and 3512 Danish training questions, loaded 2026-11-25T13:53:07Z "
                + "in 0.17 s (digest 5c7b)")
    }

    @Test func intentsAsATable() throws {
        let line = #"{"type":"intents","intents":[{"intent":"lbp.overview","title":{"en":"What is lower back pain?","da":"Hvad er ondt i lænden?"}},{"intent":"sources","title":{"en":"Where do your answers come from?","da":"Hvor kommer dine svar fra?"}}]}"#
        #expect(
            try text(line) == "lbp.overview  What is lower back pain?\nsources       Where do your answers come from?\n2 intents")
    }

    @Test func countersAsNamedLines() throws {
        let line = #"{"id":"s","type":"stats","connections":{"open":1,"total":5},"requests":{"ask":3}}"#
        #expect(try text(line) == "connections.open: 1\nconnections.total: 5\nrequests.ask: 3")
        let reloaded = #"{"type":"reloaded","knowledge":{"digest":"00eb","load_seconds":0.112,"intents":23,"questions":{"en":902,"da":900}}}"#
        #expect(try text(reloaded) == "reloaded: 23 intents, 902 English and 900 Danish training questions in 0.11 s (digest 00eb)")
    }
}
