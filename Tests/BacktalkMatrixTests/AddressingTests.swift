import BacktalkMatrix
import Testing

@Suite struct AddressingTests {
    private let addressing = Addressing(botUserID: "@backtalk:clinic.dk", displayName: "Backtalk")

    @Test func inADirectChatEveryMessageIsAQuestion() {
        #expect(addressing.question(in: " how often? ", mentionsBot: false, isDirectChat: true) == "how often?")
        #expect(addressing.question(in: "   ", mentionsBot: false, isDirectChat: true) == nil)
    }

    @Test func inAGroupRoomOnlyWhatAddressesTheBot() {
        #expect(addressing.question(in: "how often?", mentionsBot: false, isDirectChat: false) == nil)
        #expect(addressing.question(in: "!backtalk how often?", mentionsBot: false, isDirectChat: false) == "how often?")
        #expect(addressing.question(in: "Backtalk: how often?", mentionsBot: true, isDirectChat: false) == "how often?")
        #expect(addressing.question(in: "backtalk, hvor tit?", mentionsBot: false, isDirectChat: false) == "hvor tit?")
        #expect(addressing.question(in: "@backtalk:clinic.dk: how often?", mentionsBot: false, isDirectChat: false)
            == "how often?")
        #expect(addressing.question(in: "ask Backtalk about sciatica", mentionsBot: true, isDirectChat: false)
            == "ask Backtalk about sciatica")
        #expect(addressing.question(in: "Backtalk how often?", mentionsBot: true, isDirectChat: false) == "how often?")
        #expect(addressing.question(in: "Backtalk how often?", mentionsBot: false, isDirectChat: false) == nil)
        #expect(addressing.question(in: "backtalker: hi", mentionsBot: false, isDirectChat: false) == nil)
        #expect(addressing.question(in: "!backtalkfoo", mentionsBot: false, isDirectChat: false) == nil)
        #expect(addressing.question(in: "!backtalk", mentionsBot: false, isDirectChat: false) == nil)
    }
}
