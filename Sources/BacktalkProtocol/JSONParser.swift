/// A failure inside ``JSONParser``.
struct JSONParseError: Error {
    var code: ProtocolError.Code
    var message: String
}

/// A small strict JSON parser (RFC 8259) over the bytes of one line.
struct JSONParser {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func parseRequestObject(into fields: inout RequestFields) throws(JSONParseError) {
        skipWhitespace()
        guard position < bytes.count else { throw syntax("the line is empty; send one JSON object per line") }
        guard bytes[position] == UInt8(ascii: "{") else {
            let first = bytes[position]
            do {
                try skipValue(depth: 0)
            } catch {
                throw JSONParseError(code: .invalidJSON, message: Self.notJSON(startingWith: first))
            }
            skipWhitespace()
            guard position == bytes.count else { throw syntax("unexpected text after the JSON value") }
            throw JSONParseError(code: .notAnObject, message: "a request must be a JSON object like {\"type\":\"ask\",\"text\":\"…\"}")
        }
        position += 1
        var seen: Set<String> = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw syntax("expected a key in double quotes") }
                let key = try parseString()
                guard seen.insert(key).inserted else {
                    throw JSONParseError(code: .duplicateKey, message: "the key \"\(key)\" appears twice; send it once")
                }
                skipWhitespace()
                guard next() == UInt8(ascii: ":") else { throw syntax("expected ':' after the key \"\(key)\"") }
                skipWhitespace()
                switch RequestKey(rawValue: key) {
                case .id: fields.id = try parseStringField(key)
                case .type: fields.type = try parseStringField(key)
                case .text: fields.text = try parseStringField(key)
                case .lang: fields.language = try parseStringField(key)
                case .session: fields.session = try parseStringField(key)
                case nil: try skipValue(depth: 1)
                }
                skipWhitespace()
                let separator = next()
                if separator == UInt8(ascii: "}") { break }
                guard separator == UInt8(ascii: ",") else { throw syntax("expected ',' or '}' in the object") }
            }
        }
        skipWhitespace()
        guard position == bytes.count else { throw syntax("unexpected text after the JSON object") }
    }

    private mutating func parseStringField(_ key: String) throws(JSONParseError) -> String {
        guard peek() == UInt8(ascii: "\"") else {
            try skipValue(depth: 1)
            throw JSONParseError(code: .invalidField, message: "\"\(key)\" must be a string in double quotes")
        }
        return try parseString()
    }

    /// What to say about a line that is not JSON at all, such as a plain question or text after a BOM.
    private static func notJSON(startingWith first: UInt8) -> String {
        let what = first == 0xEF ? "starts with a byte order mark; send UTF-8 without one" : "is not JSON"
        return "this line \(what); send one JSON object per line, such as "
            + "{\"type\":\"ask\",\"text\":\"how often should I get a massage?\"}"
    }

    private func syntax(_ message: String) -> JSONParseError {
        JSONParseError(code: .invalidJSON, message: "not valid JSON at byte \(position + 1): \(message)")
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func next() -> UInt8? {
        defer { position += 1 }
        return peek()
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    /// Parses a string at `position` (which holds its opening quote), resolving escapes.
    mutating func parseString() throws(JSONParseError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes.
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { position += 1 }
        if peek() == UInt8(ascii: "\"") {
            defer { position += 1 }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }
        var decoded = Array(bytes[start..<position])
        while true {
            guard let byte = next() else { throw syntax("the string has no closing quote") }
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &decoded)
            case 0..<0x20:
                throw syntax("a control character inside a string must be escaped (e.g. \\n)")
            default:
                decoded.append(byte)
            }
        }
    }

    private mutating func parseEscape(into decoded: inout [UInt8]) throws(JSONParseError) {
        guard let escape = next() else { throw syntax("the string ends inside an escape") }
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u") else {
                    throw syntax("a high surrogate \\u escape must be followed by a low one")
                }
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw syntax("invalid low surrogate in a \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw syntax("a lone low surrogate in a \\u escape")
            }
            decoded.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        default:
            throw syntax("unknown escape '\\\(Character(Unicode.Scalar(escape)))'")
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = next() else { throw syntax("a \\u escape needs four hex digits") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntax("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Checks and skips any JSON value.
    mutating func skipValue(depth: Int) throws(JSONParseError) {
        guard depth <= RequestDecoder.maximumDepth else {
            throw JSONParseError(
                code: .invalidJSON, message: "the JSON nests deeper than \(RequestDecoder.maximumDepth) levels; flatten it")
        }
        skipWhitespace()
        guard let byte = peek() else { throw syntax("a value is missing") }
        switch byte {
        case UInt8(ascii: "\""):
            _ = try parseString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = byte == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            position += 1
            skipWhitespace()
            if peek() == close { position += 1; return }
            while true {
                skipWhitespace()
                if isObject {
                    guard peek() == UInt8(ascii: "\"") else { throw syntax("expected a key in double quotes") }
                    _ = try parseString()
                    skipWhitespace()
                    guard next() == UInt8(ascii: ":") else { throw syntax("expected ':' after a key") }
                }
                try skipValue(depth: depth + 1)
                skipWhitespace()
                let separator = next()
                if separator == close { return }
                guard separator == UInt8(ascii: ",") else { throw syntax("expected ',' or a closing bracket") }
            }
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw syntax("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func skipLiteral(_ literal: StaticString) throws(JSONParseError) {
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard position + expected.count <= bytes.count,
            bytes[position..<(position + expected.count)].elementsEqual(expected)
        else { throw syntax("unexpected word; JSON knows only true, false and null") }
        position += expected.count
    }

    private mutating func skipNumber() throws(JSONParseError) {
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { (0x30...0x39).contains($0) } ?? false }
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard isDigit(peek()) else { throw syntax("a number needs digits") }
        if peek() == UInt8(ascii: "0") { position += 1 } else { while isDigit(peek()) { position += 1 } }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard isDigit(peek()) else { throw syntax("a number needs digits after '.'") }
            while isDigit(peek()) { position += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard isDigit(peek()) else { throw syntax("a number needs digits in its exponent") }
            while isDigit(peek()) { position += 1 }
        }
    }
}
