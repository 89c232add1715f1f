/// Appends JSON tokens to a byte buffer, for replies built without Foundation's encoder.
package enum JSONWriter {
    /// Appends `text` as a JSON string, quotes included.
    package static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscape(byte, to: &output)
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: output.append(0x22)
        case 0x5C: output.append(0x5C)
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            output.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }

    /// Appends `literal`, which must already be valid JSON.
    package static func appendRaw(_ literal: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends a non-negative integer.
    package static func appendInteger(_ value: Int, to output: inout [UInt8]) {
        guard value > 0 else {
            output.append(UInt8(ascii: "0"))
            return
        }
        var digits: [UInt8] = []
        var rest = value
        while rest > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        output.append(contentsOf: digits.reversed())
    }

    /// Appends a probability in 0...1 with four decimals, e.g. `0.9312`.
    package static func appendProbability(_ value: Float, to output: inout [UInt8]) {
        let scaled = Int((min(max(value, 0), 1) * 10_000).rounded())
        output.append(UInt8(ascii: "0") + UInt8(scaled / 10_000))
        output.append(UInt8(ascii: "."))
        var fraction = scaled % 10_000
        for divisor in [1000, 100, 10, 1] {
            output.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
            fraction %= divisor
        }
    }

    /// Appends a number of seconds with three decimals.
    package static func appendSeconds(_ seconds: Double, to output: inout [UInt8]) {
        let millis = Int((max(seconds, 0) * 1000).rounded())
        appendInteger(millis / 1000, to: &output)
        output.append(UInt8(ascii: "."))
        let fraction = millis % 1000
        output.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        output.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        output.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }
}
