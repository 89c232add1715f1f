@testable import BacktalkCore
import BacktalkProtocol
import BacktalkTesting
import Foundation
import Testing

/// A trained model written to a file and read back answers as the one trained; a broken file is refused
/// with the reason, never read as a model.
@Suite struct ModelFileTests {
    private let options = TrainingOptions.withOutOfScopeClass
    private var model: TrainedModel { Shipped.answerer.model }
    private var bytes: [UInt8] { ModelFile.bytes(of: model, options: options) }

    @Test func aModelReadBackAnswersAsTheOneTrained() throws {
        let read = try ModelFile.model(from: bytes, expecting: model.fingerprint)
        let again = Answerer(knowledge: Shipped.knowledge, model: read)
        for question in [
            "how often should I get a massage?", "hvor tit skal jeg have massage", "my groin is numb and my back hurts",
            "I'm 58. My GP says it is sciatica. Will a disc like this heal on its own?", "what's the weather tomorrow",
        ] {
            #expect(again.answer(question) == Shipped.answerer.answer(question), "\(question)")
        }
        let writtenAgain = ModelFile.bytes(of: read, options: options) == bytes
        #expect(writtenAgain, "writing what was read gives the same file")
    }

    @Test func aFileIsReadWholeOrNotAtAll() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ModelFile.write(model, options: options, to: folder + "/model.btm")
        #expect(fileBytes(atPath: folder + "/model.btm") == bytes)
        let read = try ModelFile.read(from: folder + "/model.btm", expecting: model.fingerprint)
        #expect(ModelFile.bytes(of: read, options: options) == bytes)
        #expect(throws: ModelFileError.unreadable(folder + "/none.btm")) {
            try ModelFile.read(from: folder + "/none.btm", expecting: model.fingerprint)
        }
        #expect(fileBytes(atPath: folder) == nil, "a folder is no file")
    }

    @Test func theFingerprintIsOfTheTrainingInputsOnly() {
        var edited = Shipped.knowledge
        edited.intents[0].answer[.english] = AnswerText(summary: "Another summary.", text: "Another answer.")
        #expect(TrainedModel.fingerprint(of: edited, options: options) == model.fingerprint, "answers are no input")
        edited.intents[0].questions[.english].append("a new training question about lower back pain")
        #expect(TrainedModel.fingerprint(of: edited, options: options) != model.fingerprint)
        var otherOptions = options
        otherOptions.epochs += 1
        #expect(TrainedModel.fingerprint(of: Shipped.knowledge, options: otherOptions) != model.fingerprint)
    }

    @Test func aBrokenFileIsRefusedWithItsReason() {
        let good = bytes
        func refusal(_ broken: [UInt8], fingerprint: String? = nil) -> ModelFileError? {
            do {
                _ = try ModelFile.model(from: broken, expecting: fingerprint ?? model.fingerprint)
                return nil
            } catch {
                return error
            }
        }
        #expect(refusal(good) == nil)
        #expect(refusal(Array(good.prefix(good.count / 2))) == .truncated)
        #expect(refusal(Array(good.prefix(7))) == .truncated)
        var flipped = good
        flipped[good.count - 1000] ^= 0x40
        #expect(refusal(flipped) == .corrupt)
        var otherFormat = good
        otherFormat[4] = 99
        #expect(refusal(otherFormat) == .otherFormat(99))
        #expect(refusal(Array("not a model at all".utf8)) == .notAModel)
        #expect(refusal(good, fingerprint: "0000000000000000") == .otherTrainingInputs(model.fingerprint))
    }
}
