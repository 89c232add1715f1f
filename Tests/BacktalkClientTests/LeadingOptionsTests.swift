import BacktalkClient
import Testing

/// Options before the subcommand, as in every command-line tool people know.
@Suite struct LeadingOptionsTests {
    private func reorder(_ arguments: [String]) -> [String] {
        LeadingOptions.subcommandFirst(
            arguments, subcommands: ["ask", "chat", "intents", "status"], optionsTakingValues: ["--socket", "--lang"])
    }

    @Test func aSubcommandAfterOptionsComesFirst() {
        #expect(reorder(["--socket", "/tmp/s", "intents"]) == ["intents", "--socket", "/tmp/s"])
        #expect(reorder(["--json", "ask", "belt"]) == ["ask", "--json", "belt"])
        #expect(reorder(["--socket=/tmp/s", "--json", "status"]) == ["status", "--socket=/tmp/s", "--json"])
    }

    @Test func questionsStayQuestions() {
        #expect(reorder(["how often should I get a massage?"]) == ["how often should I get a massage?"])
        #expect(reorder(["--json", "hvor tit?"]) == ["--json", "hvor tit?"])
        #expect(reorder(["--socket", "intents", "belt"]) == ["--socket", "intents", "belt"], "a value is not a subcommand")
        #expect(reorder(["--", "status"]) == ["--", "status"])
        #expect(reorder(["intents", "--json"]) == ["intents", "--json"])
    }
}
