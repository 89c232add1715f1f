/// A 64-bit FNV-1a digest of a sequence of strings, as 16 hex digits.
struct DigestBuilder {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 { hash = FeatureHash.mix(hash, byte) }
        hash = FeatureHash.mix(hash, 0)
    }

    var hex: String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
