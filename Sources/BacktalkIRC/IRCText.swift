/// Fits text to IRC: one message per line, each at most a given number of UTF-8 bytes, broken between
/// words (inside a word only when one word is longer than a line), never inside a character, and with the
/// control characters IRC would misread removed.
public enum IRCText {
    /// The lines of `text`: blank lines are dropped, long lines broken to at most `limit` bytes.
    public static func lines(_ text: String, limit: Int) -> [String] {
        precondition(limit >= 8, "an IRC line needs room for a few characters")
        var lines: [String] = []
        for paragraph in text.split(whereSeparator: \.isNewline) {
            let cleaned = String(String.UnicodeScalarView(paragraph.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
            var current = ""
            for word in cleaned.split(separator: " ") {
                let separator = current.isEmpty ? 0 : 1
                if current.utf8.count + separator + word.utf8.count <= limit {
                    current += (separator == 1 ? " " : "") + word
                    continue
                }
                if !current.isEmpty { lines.append(current) }
                current = ""
                var remainder = Substring(word)
                while remainder.utf8.count > limit {
                    let piece = prefix(of: remainder, bytes: limit)
                    lines.append(String(piece))
                    remainder = remainder[piece.endIndex...]
                }
                current = String(remainder)
            }
            if !current.isEmpty { lines.append(current) }
        }
        return lines
    }

    /// The longest prefix of `text` of whole characters within `bytes` UTF-8 bytes.
    private static func prefix(of text: Substring, bytes: Int) -> Substring {
        var end = text.startIndex
        var used = 0
        for index in text.indices {
            let size = text[index].utf8.count
            if used + size > bytes { break }
            used += size
            end = text.index(after: index)
        }
        return text[..<end]
    }
}
