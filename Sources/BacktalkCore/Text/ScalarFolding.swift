import Foundation

/// What one Unicode scalar becomes in normalised text (see ``TextNormalizer``).
///
/// A plain struct rather than an enum with payloads: the table of foldings is then an array of plain
/// values, read without unpacking enum cases (and its arrays are plain pointers that leak checkers follow).
struct ScalarFolding: Sendable {
    enum Kind: UInt8, Sendable {
        /// Ends the current word.
        case separator
        /// Vanishes without ending the word (apostrophes).
        case join
        /// One ASCII letter or digit, in `ascii`.
        case ascii
        /// Several bytes of UTF-8 (`æ` → `ae`, or a letter of another script), in `bytes`.
        case bytes
    }

    var kind: Kind
    var ascii: UInt8 = 0
    var bytes: [UInt8] = []

    static let separator = ScalarFolding(kind: .separator)
    static let join = ScalarFolding(kind: .join)

    /// Scalars below this value are folded by table lookup.
    static let tableSize: UInt32 = 0x250

    /// The folding of `scalar`, which must already be in NFKC form.
    static func fold(_ scalar: Unicode.Scalar) -> ScalarFolding {
        let value = scalar.value
        if value < tableSize { return table[Int(value)] }
        if isApostrophe(scalar) { return .join }
        if isGeneralPunctuation(scalar) { return .separator }
        return computeFolding(scalar)
    }

    /// U+2000 to U+206F: spaces, dashes, quotation marks, ellipsis; all of them separate or join words.
    static func isGeneralPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        (0x2000...0x206F).contains(scalar.value)
    }

    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{02BC}"
    }

    private static let table: [ScalarFolding] = (0..<tableSize).map { value in
        guard let scalar = Unicode.Scalar(value) else { return .separator }
        if isApostrophe(scalar) { return .join }
        return computeFolding(scalar)
    }

    private static let danishLetters: [Character: String] = ["æ": "ae", "ø": "oe", "å": "aa", "ß": "ss"]

    /// Case-folds, spells Danish letters out, drops accents and keeps letters and digits only.
    private static func computeFolding(_ scalar: Unicode.Scalar) -> ScalarFolding {
        var bytes: [UInt8] = []
        let lowered = String(scalar).precomposedStringWithCompatibilityMapping.lowercased()
        for character in lowered {
            let spelled = danishLetters[character] ?? String(character)
            for part in spelled.decomposedStringWithCanonicalMapping.unicodeScalars
            where part.properties.isAlphabetic || part.properties.numericType != nil {
                guard part.properties.generalCategory != .nonspacingMark else { continue }
                bytes.append(contentsOf: Array(String(part).utf8))
            }
        }
        switch bytes.count {
        case 0: return .separator
        case 1 where bytes[0] < 0x80: return ScalarFolding(kind: .ascii, ascii: bytes[0])
        default: return ScalarFolding(kind: .bytes, bytes: bytes)
        }
    }
}
