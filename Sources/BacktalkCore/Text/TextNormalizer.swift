import Foundation

/// Folds text into the one form the classifier, the red-flag matcher and the duplicate check compare.
///
/// The result holds lower-case words of letters and digits separated by single spaces:
/// - Unicode compatibility forms are folded (NFKC): full-width letters, ligatures and decomposed accents
///   read as the plain letters they stand for;
/// - case is folded and accents are dropped (`é` → `e`, `ß` → `ss`);
/// - the Danish letters are spelled as people type them without a Danish keyboard: `æ` → `ae`,
///   `ø` → `oe`, `å` → `aa`, so "lænden" and "laenden" are the same word;
/// - apostrophes join (`don't` → `dont`); every other punctuation mark or space separates words, and
///   those that end a clause (`. , ; : ! ?`, brackets, a new line) can be recorded as clause starts.
///
/// Latin text, the common case, is folded through a table built once; only text with other scripts or
/// compatibility characters goes through Foundation's NFKC first.
public enum TextNormalizer {
    /// Appends the normalised form of `text` to `output`.
    public static func normalize(_ text: String, into output: inout [UInt8]) {
        var ignored: [Int] = []
        normalize(text, into: &output, clauseStarts: &ignored, recordingClauses: false)
    }

    /// Appends the normalised form of `text` to `output`, and to `clauseStarts` each word that follows a
    /// mark ending a clause, as a ``ClauseStart`` (its offset in `output`, whether the mark ends a sentence:
    /// `. ! ? ;`, a new line, rather than only a clause: `, :`, brackets; and whether it is a `?`). Marks at
    /// the end of the text are recorded at the offset `output.count`. A stop between digits ("3.5") ends
    /// nothing.
    public static func normalize(_ text: String, into output: inout [UInt8], clauseStarts: inout [Int]) {
        normalize(text, into: &output, clauseStarts: &clauseStarts, recordingClauses: true)
    }

    private static func normalize(
        _ text: String, into output: inout [UInt8], clauseStarts: inout [Int], recordingClauses: Bool
    ) {
        if needsCompatibilityFolding(text) {
            fold(text.precomposedStringWithCompatibilityMapping, into: &output, clauseStarts: &clauseStarts,
                recordingClauses: recordingClauses)
        } else {
            fold(text, into: &output, clauseStarts: &clauseStarts, recordingClauses: recordingClauses)
        }
    }

    /// The normalised form of `text` as a string.
    public static func normalized(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        normalize(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func needsCompatibilityFolding(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where scalar.value >= ScalarFolding.tableSize {
            if !ScalarFolding.isGeneralPunctuation(scalar) { return true }
        }
        return false
    }

    private static func fold(
        _ text: String, into output: inout [UInt8], clauseStarts: inout [Int], recordingClauses: Bool
    ) {
        let start = output.count
        var pendingSpace = false
        var pending = ClauseStart.Kind.none
        // A lone "." right after a digit: a decimal point when a digit follows.
        var periodAfterDigit = false
        for scalar in text.unicodeScalars {
            let folding = ScalarFolding.fold(scalar)
            switch folding.kind {
            case .separator:
                let follows = pendingSpace
                pendingSpace = output.count > start
                if recordingClauses && pendingSpace {
                    periodAfterDigit = scalar == "." && !follows && pending == .none
                        && (0x30...0x39).contains(output[output.count - 1])
                    switch scalar {
                    case "?": pending = .question
                    case ".", ";", "!", "\n", "\u{2026}": if pending != .question { pending = .sentence }
                    case ",", ":", "(", ")", "[", "]": if pending == .none { pending = .clause }
                    default: periodAfterDigit = false
                    }
                }
                continue
            case .join:
                continue
            case .ascii, .bytes:
                if pendingSpace { output.append(0x20); pendingSpace = false }
                if pending != .none {
                    let isDecimal = periodAfterDigit && folding.kind == .ascii && (0x30...0x39).contains(folding.ascii)
                    if !isDecimal { clauseStarts.append(ClauseStart.encode(offset: output.count, pending)) }
                    pending = .none
                    periodAfterDigit = false
                }
                if folding.kind == .ascii { output.append(folding.ascii) } else { output.append(contentsOf: folding.bytes) }
            }
        }
        if pending != .none { clauseStarts.append(ClauseStart.encode(offset: output.count, pending)) }
    }
}

/// A clause start as ``TextNormalizer/normalize(_:into:clauseStarts:)`` records it in one integer: the
/// offset of the clause's first byte, and the kind of mark that ended the clause before it.
enum ClauseStart {
    /// The mark that ended the clause before.
    enum Kind: Int {
        case none = -1
        /// `, :` or a bracket.
        case clause = 0
        /// `. ! ;`, a new line or an ellipsis.
        case sentence = 1
        /// `?`: the sentence before asked a question.
        case question = 3
    }

    static func encode(offset: Int, _ kind: Kind) -> Int { offset << 2 | kind.rawValue }
    static func offset(_ encoded: Int) -> Int { encoded >> 2 }
    static func endsSentence(_ encoded: Int) -> Bool { encoded & 1 == 1 }
    static func endsQuestion(_ encoded: Int) -> Bool { encoded & 3 == 3 }
}
