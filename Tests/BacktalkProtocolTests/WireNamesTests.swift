import BacktalkProtocol
import Foundation
import Testing

/// The wire protocol's names are spelled once, in `BacktalkProtocol`: no other source file spells a request
/// type, reply type, error code or `via` value as a string literal, nor a reply key in JSON form (`\"key\":`,
/// `"key":` in a raw string, or `["key"]`). Files whose own formats share words with the wire are exempt,
/// each for the reason given.
@Suite struct WireNamesTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources").path

    /// Files whose literals are another format's names, not the wire's.
    static let exempt: [String: String] = [
        "BacktalkCore/Knowledge/": "the knowledge base's YAML keys (title, summary, answer, sources, …)",
        "BacktalkCore/Conversation/ConversationCue.swift": "words people type (\"more\", \"answer\", …)",
        "BacktalkTraining/Evaluation/EvaluationSet.swift": "the evaluation files' JSON Lines ({\"text\":…,\"intent\":…})",
    ]

    /// Values that must not appear as a whole string literal.
    static let values: Set<String> = Set(
        RequestType.allCases.map(\.rawValue) + ReplyType.allCases.map(\.rawValue)
            + ProtocolError.Code.allCases.map(\.rawValue) + Via.allCases.map(\.rawValue))
    /// Keys that must not appear in JSON form.
    static let keys: [String] = ReplyKey.allCases.map(\.name)

    /// Every `file:line: name` where a wire name is spelled outside the protocol module.
    static func findings() throws -> [String] {
        let root = sources + "/"
        let files = try FileManager.default.subpathsOfDirectory(atPath: sources)
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("BacktalkProtocol/") }
            .filter { file in !exempt.keys.contains { file.hasPrefix($0) } }
        #expect(files.count > 50, "the scan must see the sources (found \(files.count) files)")
        var findings: [String] = []
        for file in files.sorted() {
            var inMultilineString = false
            let lines = try String(contentsOfFile: root + file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.components(separatedBy: "\"\"\"").count % 2 == 0 {
                    inMultilineString.toggle()
                    continue
                }
                if inMultilineString || trimmed.hasPrefix("//") { continue }
                for name in names(in: String(line)) { findings.append("\(file):\(number + 1): \(name)") }
            }
        }
        return findings
    }

    /// The wire names spelled in `line`'s string literals.
    static func names(in line: String) -> [String] {
        var found: [String] = []
        for literal in literals(in: line) {
            if values.contains(literal) { found.append(literal) }
            for key in keys where literal.contains("\\\"\(key)\\\":") || literal.contains("\"\(key)\":") {
                found.append(key)
            }
        }
        for key in keys where line.contains("[\"\(key)\"]") { found.append(key) }
        return found
    }

    /// The contents of the string literals in one line of Swift (plain and `#"…"#`).
    static func literals(in line: String) -> [String] {
        var result: [String] = []
        var rest = Substring(line)
        while let quote = rest.firstIndex(of: "\"") {
            let raw = quote > rest.startIndex && rest[rest.index(before: quote)] == "#"
            var index = rest.index(after: quote)
            var content = ""
            while index < rest.endIndex {
                let character = rest[index]
                if raw, character == "\"", rest[index...].hasPrefix("\"#") { break }
                if !raw, character == "\"" { break }
                if !raw, character == "\\", rest.index(after: index) < rest.endIndex {
                    content.append(character)
                    index = rest.index(after: index)
                }
                content.append(rest[index])
                index = rest.index(after: index)
            }
            result.append(content)
            rest = index < rest.endIndex ? rest[rest.index(after: index)...] : ""
        }
        return result
    }

    @Test func noWireNameIsSpelledOutsideTheProtocolModule() throws {
        let findings = try Self.findings()
        #expect(findings.isEmpty, "use BacktalkProtocol's names instead:\n\(findings.joined(separator: "\n"))")
    }

    /// The scan itself finds what it must, so the test above cannot pass by finding nothing.
    @Test func theScanFindsEachForm() {
        #expect(Self.names(in: #"  if reply.type == "error" {"#) == ["error"])
        #expect(Self.names(in: ##"  let bytes = #""type":"ask""#"##).contains("type"))
        #expect(Self.names(in: #"  append("{\"intent\":")"#) == ["intent"])
        #expect(Self.names(in: #"  object["knowledge"] as? Int"#) == ["knowledge"])
        #expect(Self.names(in: #"  print("no wire name here")"#).isEmpty)
    }
}
