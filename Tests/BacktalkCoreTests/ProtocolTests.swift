import BacktalkCore
import BacktalkProtocol
import BacktalkTesting
import Foundation
import Testing

@Suite struct RequestDecoderTests {
    private func decode(_ line: String) -> Result<Request, ProtocolError> {
        RequestDecoder.decode(Array(line.utf8))
    }

    @Test func decodesAnAsk() {
        #expect(
            decode(#"{"id":"1","type":"ask","text":"how often?","lang":"da"}"#)
                == .success(.ask(id: "1", text: "how often?", language: .danish)))
        #expect(decode(#" { "type" : "ask" , "text" : "hej" } "#) == .success(.ask(id: nil, text: "hej", language: nil)))
    }

    @Test func decodesStatusAndIntentsAndSkipsUnknownKeys() {
        #expect(decode(#"{"id":"s","type":"status"}"#) == .success(.status(id: "s")))
        #expect(
            decode(#"{"type":"intents","id":"i","session":"irc:#x:bob","extra":[1,{"a":null},true,-2.5e3]}"#)
                == .success(.intents(id: "i")))
    }

    @Test func resolvesEscapes() {
        #expect(
            decode(#"{"type":"ask","text":"l\u00e6nden \"ondt\"\n\ud83d\ude00"}"#)
                == .success(.ask(id: nil, text: "lænden \"ondt\"\n😀", language: nil)))
    }

    @Test(arguments: [
        ("not json", ProtocolError.Code.invalidJSON),
        (#"{"type":"ask","text":"a"#, .invalidJSON),
        (#"{"type":"ask","text":"a"} trailing"#, .invalidJSON),
        (#"[1,2]"#, .notAnObject),
        (#""text""#, .notAnObject),
        (#"{"text":"hello"}"#, .missingType),
        (#"{"type":"dance"}"#, .unknownType),
        (#"{"type":"ask"}"#, .missingText),
        (#"{"type":"ask","text":"  ?! "}"#, .emptyText),
        (#"{"type":"ask","text":5}"#, .invalidField),
        (#"{"type":"ask","text":"hi","id":7}"#, .invalidField),
        (#"{"type":"ask","text":"hi","lang":"fr"}"#, .unsupportedLanguage),
        (#"{"type":"ask","text":"a","text":"b"}"#, .duplicateKey),
        (String(repeating: "[", count: 40) + String(repeating: "]", count: 40), .invalidJSON),
    ])
    func refusesMalformedRequests(line: String, code: ProtocolError.Code) {
        guard case .failure(let error) = decode(line) else {
            Issue.record("\(line) was accepted")
            return
        }
        #expect(error.code == code)
        #expect(!error.message.isEmpty)
    }

    @Test func aPlainLineOfTextSaysWhatToSendInstead() {
        for line in ["hello there", "\u{FEFF}{\"type\":\"status\"}"] {
            guard case .failure(let error) = decode(line) else {
                Issue.record("\(line) decoded")
                continue
            }
            #expect(error.code == .invalidJSON)
            #expect(error.message.contains("send one JSON object per line, such as {\"type\":\"ask\""), "\(error.message)")
        }
    }

    @Test func refusesInvalidUTF8AndEchoesTheIDWhenKnown() {
        guard case .failure(let utf8) = RequestDecoder.decode([0x7B, 0xFF, 0x7D]) else {
            Issue.record("invalid UTF-8 was accepted")
            return
        }
        #expect(utf8.code == .invalidJSON)
        guard case .failure(let unknown) = decode(#"{"id":"42","type":"dance"}"#) else {
            Issue.record("an unknown type was accepted")
            return
        }
        #expect(unknown.id == "42")
    }
}

@Suite struct ReplyEncoderTests {
    private func object(_ bytes: [UInt8]) throws -> [String: Any] {
        #expect(bytes.last == UInt8(ascii: "\n"))
        #expect(bytes.dropLast().contains(UInt8(ascii: "\n")) == false)
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func anAnswerCarriesEveryField() throws {
        let answer = Shipped.answerer.answer("how often should I get a massage?")
        var bytes: [UInt8] = []
        ReplyEncoder(knowledge: Shipped.knowledge).encode(answer, id: "q\"1", to: &bytes)
        let reply = try object(bytes)
        #expect(reply["id"] as? String == "q\"1")
        #expect(reply["type"] as? String == "answer")
        #expect(reply["intent"] as? String == "faq.frequency")
        #expect(reply["lang"] as? String == "en")
        let confidence = try #require(reply["confidence"] as? Double)
        #expect((0...1).contains(confidence))
        let frequency = try #require(Shipped.knowledge.intent("faq.frequency")).answer.english
        #expect(reply["summary"] as? String == frequency.summary)
        #expect(reply["detail"] as? String == frequency.text)
        #expect(reply["text"] as? String == frequency.summary + "\n\n" + frequency.text, "text is safe to show alone")
        let followUps = try #require(reply["follow_ups"] as? [[String: String]])
        #expect(!followUps.isEmpty && followUps.allSatisfy { $0["intent"] != nil && $0["question"] != nil })
        let sources = try #require(reply["sources"] as? [[String: String]])
        #expect(!sources.isEmpty && sources.allSatisfy { $0["title"] != nil })
        let alternatives = try #require(reply["alternatives"] as? [[String: Any]])
        #expect(alternatives.count <= 3)
        #expect(alternatives.allSatisfy { ($0["confidence"] as? Double ?? 0) > 0 }, "none printed as 0.0000")
        #expect(reply["safety"] == nil)
    }

    @Test func aFallbackSaysWhatItCanAnswer() throws {
        let answer = Shipped.answerer.answer("hvad koster en togbillet til Odense")
        var bytes: [UInt8] = []
        ReplyEncoder(knowledge: Shipped.knowledge).encode(answer, id: nil, to: &bytes)
        let reply = try object(bytes)
        #expect(reply["type"] as? String == "fallback")
        #expect(reply["lang"] as? String == "da")
        #expect((reply["suggestions"] as? [[String: String]])?.isEmpty == false)
    }

    @Test func aSafetyAnswerIsMarked() throws {
        let answer = Shipped.answerer.answer("numb groin")
        var bytes: [UInt8] = []
        ReplyEncoder(knowledge: Shipped.knowledge).encode(answer, id: "r", to: &bytes)
        let reply = try object(bytes)
        #expect(reply["safety"] as? Bool == true)
        #expect(reply["intent"] as? String == "safety.red_flags.emergency")
        #expect(reply["urgency"] as? String == "emergency" && reply["decided_by"] as? String == "phrase")
    }

    @Test func aSafetyAnswerTheDetectorChoseIsMarkedTheSame() throws {
        var scratch = ClassifierScratch()
        let levels = Shipped.knowledge.intents.filter { IntentID.counts($0.id, as: "safety.red_flags") }
        let question = try #require(
            levels.flatMap { $0.questions.english }.first {
                Shipped.answerer.answer($0, scratch: &scratch).safety?.decidedBy == .detector
            }, "the test needs a training emergency that no phrase matches")
        var bytes: [UInt8] = []
        ReplyEncoder(knowledge: Shipped.knowledge).encode(Shipped.answerer.answer(question), id: "d", to: &bytes)
        let reply = try object(bytes)
        #expect(reply["safety"] as? Bool == true && reply["decided_by"] as? String == "detector")
        #expect(["emergency", "urgent"].contains(reply["urgency"] as? String))
        #expect((reply["text"] as? String)?.hasPrefix(reply["summary"] as? String ?? "-") == true)
    }

    @Test func aSafetyAnswerOffersWhatWasAskedFirstAndNothingTwice() throws {
        let answer = Shipped.answerer.answer("when should I not have a massage, my groin is numb")
        var bytes: [UInt8] = []
        ReplyEncoder(knowledge: Shipped.knowledge).encode(answer, id: nil, to: &bytes)
        let followUps = try #require(try object(bytes)["follow_ups"] as? [[String: String]]).compactMap { $0["intent"] }
        #expect(followUps.first == "massage.contraindications")
        #expect(Set(followUps).count == followUps.count)
    }

    @Test func errorsIntentsAndStatusAreJSON() throws {
        var bytes: [UInt8] = []
        ReplyWriter.error(ProtocolError(.unknownType, "use \"ask\"", id: "e"), to: &bytes)
        let error = try object(bytes)
        #expect(error["type"] as? String == "error" && error["code"] as? String == "unknown_type" && error["id"] as? String == "e")

        let encoder = ReplyEncoder(knowledge: Shipped.knowledge)
        bytes = []
        encoder.encodeIntents(id: "i", to: &bytes)
        let intents = try #require(try object(bytes)["intents"] as? [[String: Any]])
        #expect(intents.count == Shipped.knowledge.intents.count)

        bytes = []
        ReplyWriter.status(
            knowledge: encoder.summary(loadSeconds: 0.25, loadedAt: "2026-01-01T00:00:00Z"), uptimeSeconds: 12.5,
            requestsServed: 3, id: nil, to: &bytes)
        let status = try object(bytes)
        #expect(status["requests_served"] as? Int == 3)
        #expect((status["knowledge"] as? [String: Any])?["digest"] as? String == Shipped.knowledge.digest)
    }
}
