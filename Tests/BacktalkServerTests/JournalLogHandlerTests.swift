import BacktalkServer
import Logging
import Testing

@Suite struct JournalLogHandlerTests {
    @Test(arguments: [
        ("intent", "BACKTALK_INTENT"),
        ("load_seconds", "BACKTALK_LOAD_SECONDS"),
        ("request.id", "BACKTALK_REQUEST_ID"),
        ("2fa-kød", "BACKTALK_2FA_K_D"),
    ])
    func metadataKeysBecomeJournalFields(key: String, field: String) {
        #expect(JournalLogHandler.fieldName(key) == field)
    }

    @Test func levelsMapToSyslogPriorities() {
        let expected: [(Logger.Level, Int)] = [
            (.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
        ]
        for (level, priority) in expected {
            #expect(JournalLogHandler.priority(level) == priority)
        }
    }

    @Test func withoutSystemdTheLogGoesToStandardError() {
        #expect(LogTarget.auto.resolved == .stderr)
        #expect(LogTarget.journal.resolved == .journal)
    }
}
