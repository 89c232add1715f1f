import BacktalkCore
import BacktalkProtocol
import BacktalkTesting
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
        // Added: what people with back pain ask beyond the blog post.
        "self_care.pain_relief", "self_care.heat_cold", "self_care.sleep", "self_care.acute_episode",
        "self_care.self_massage", "self_care.work_sitting", "lbp.prognosis", "lbp.sciatica", "lbp.imaging",
        "lbp.pregnancy", "care.who_to_see", "care.when_to_see_doctor", "treatment.other_therapies",
        "treatment.surgery",
        // Added: what people ask in their own long messages.
        "lbp.spinal_stenosis", "lbp.osteoporosis", "lbp.chronic", "lbp.children", "self_care.return_to_sport",
        "massage.after_effects", "massage.after_surgery", "care.sick_leave",
    ]

    @Test func theCatalogueHas45Intents() {
        #expect(Set(Self.catalogue).count == 45)
    }

    @Test(arguments: catalogue)
    func everyCatalogueIntentIsThere(id: String) throws {
        let intent = try #require(Shipped.knowledge.intents.first { $0.id == id || $0.id.hasPrefix(id + ".") })
        for language in Language.allCases {
            #expect(intent.questions[language].count >= 40, "\(id) needs 40+ \(language.name) training questions")
            #expect(!intent.answer[language].summary.isEmpty && !intent.answer[language].text.isEmpty)
        }
        if !id.hasPrefix("smalltalk.") && id != "help.capabilities" {
            #expect(!intent.sources.isEmpty, "\(id) should name its sources")
            #expect((2...4).contains(intent.followUps.count), "\(id) should offer two or three follow-ups")
        }
    }

    @Test(arguments: [("safety.red_flags.emergency", Urgency.emergency), ("safety.red_flags.urgent", .urgent)])
    func eachSafetyLevelHasRulesInBothLanguagesAndItsUrgency(id: String, urgency: Urgency) throws {
        let intent = try #require(Shipped.knowledge.intent(id))
        #expect(intent.urgency == urgency)
        let rules = Shipped.knowledge.redFlagRules.filter { $0.intent == id }
        #expect(rules.count >= 5)
        for rule in rules {
            #expect(!rule.phrases.english.isEmpty && !rule.phrases.danish.isEmpty, "\(rule.id) has phrases in both languages")
            #expect(!rule.fires.isEmpty, "\(rule.id) has examples")
        }
        #expect(Shipped.knowledge.intent("safety.red_flags") == nil, "the two levels replace the one safety answer")
    }

    @Test func theBlogsAdvertsAreNotKnowledge() {
        for intent in Shipped.knowledge.intents {
            for language in Language.allCases {
                let answer = intent.answer[language]
                for text in [answer.summary, answer.text] {
                    #expect(!text.contains("NeuroBand"))
                    #expect(!text.localizedCaseInsensitiveContains("posture shirt™"))
                }
            }
        }
    }
}
