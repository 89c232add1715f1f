import BacktalkProtocol
import Foundation

/// Tells English from Danish with a naive Bayes model over the classifier's features, trained on the
/// knowledge base's own questions in each language.
package struct LanguageDetector: Sendable {
    /// log P(feature | Danish) − log P(feature | English), by feature index.
    let danishLogRatio: [Float]
    let danishPrior: Float

    /// A trained detector as a model file holds it.
    package init(danishLogRatio: [Float], danishPrior: Float) {
        self.danishLogRatio = danishLogRatio
        self.danishPrior = danishPrior
    }

    /// How much likelier (in log odds) the other language must be to leave a conversation's language:
    /// "massage" or "ok" are words of both.
    static let switchMargin: Float = 3

    /// The language of the question whose vector is in `scratch`, with `original` its raw text.
    /// A question with æ, ø or å is Danish; otherwise the model decides. A tie goes to `preferred` (the
    /// conversation's language), which also wins unless the other is clearly likelier; else to English.
    func language(of original: String, scratch: ClassifierScratch, preferring preferred: Language? = nil) -> Language {
        if Self.hasDanishLetter(original) { return .danish }
        var score = danishPrior
        for index in scratch.vector.indices { score += danishLogRatio[Int(index)] }
        switch preferred {
        case .danish?: return score > -Self.switchMargin ? .danish : .english
        case .english?: return score > Self.switchMargin ? .danish : .english
        case nil: return score > 0 ? .danish : .english
        }
    }

    /// Whether `text` has æ, ø or å in either case: in UTF-8, 0xC3 followed by the low byte of U+00E6,
    /// U+00F8, U+00E5, U+00C6, U+00D8 or U+00C5.
    private static func hasDanishLetter(_ text: String) -> Bool {
        var afterC3 = false
        for byte in text.utf8 {
            if afterC3 {
                switch byte {
                case 0xA6, 0xB8, 0xA5, 0x86, 0x98, 0x85: return true
                default: break
                }
            }
            afterC3 = byte == 0xC3
        }
        return false
    }
}
