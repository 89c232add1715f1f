import BacktalkCore
import Foundation
import Testing

/// The shipped knowledge base covers the catalogue, honestly sourced, in both languages.
@Suite struct ShippedKnowledgeTests {
    static let catalogue = [
        "lbp.overview", "lbp.causes", "massage.how_it_helps", "massage.evidence", "massage.types",
        "technique.sports_massage", "technique.physiological_massage", "technique.trigger_point",
        "technique.myofascial_release", "massage.wellbeing", "massage.contraindications", "faq.suitable_for_everyone",
        "faq.frequency", "faq.combine_treatments", "faq.session_expectations", "safety.red_flags", "self_care.exercise",
        "aids.back_support", "sources", "smalltalk.greeting", "smalltalk.thanks", "smalltalk.goodbye",
        "help.capabilities",
    ]

    @Test(arguments: catalogue)
    func everyCatalogueIntentIsThere(id: String) throws {
        let intent = try #require(Shipped.knowledge.intents.first { $0.id == id || $0.id.hasPrefix(id + ".") })
        for language in Language.allCases {
            #expect(intent.questions[language].count >= 12, "\(id) needs 12+ \(language.name) training questions")
            #expect(!intent.answer[language].isEmpty)
        }
        if !id.hasPrefix("smalltalk.") && id != "help.capabilities" {
            #expect(!intent.sources.isEmpty, "\(id) should name its sources")
            #expect((2...4).contains(intent.followUps.count), "\(id) should offer two or three follow-ups")
        }
    }

    @Test func theRedFlagIntentHasPhrasesInBothLanguages() throws {
        let intent = try #require(Shipped.knowledge.intent("safety.red_flags"))
        #expect(intent.redFlags.english.count >= 10)
        #expect(intent.redFlags.danish.count >= 10)
    }

    @Test func theBlogsAdvertsAreNotKnowledge() {
        for intent in Shipped.knowledge.intents {
            for language in Language.allCases {
                #expect(!intent.answer[language].contains("NeuroBand"))
                #expect(!intent.answer[language].localizedCaseInsensitiveContains("posture shirt™"))
            }
        }
    }
}
