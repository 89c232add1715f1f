/// Whether `bytes` are well-formed UTF-8: no stray continuation bytes, no overlong forms, no surrogates,
/// nothing above U+10FFFF.
func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    let count = bytes.count
    while i < count {
        let lead = bytes[i]
        if lead < 0x80 { i += 1; continue }
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return false
        }
        guard i + length <= count else { return false }
        guard (lower...upper).contains(bytes[i + 1]) else { return false }
        for j in 2..<length where !(0x80...0xBF).contains(bytes[i + j]) { return false }
        i += length
    }
    return true
}
