import BacktalkCore
import BacktalkProtocol
import Foundation

/// Labelled questions to score a classifier on: JSON Lines `{"text":…,"intent":…}` (intent `oos` for
/// out-of-scope; `"also":…` names a second question's intent) or TSV lines `intent<TAB>text`.
public enum EvaluationSet {
    /// A problem with an evaluation file.
    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the labelled questions in the file at `path`.
    public static func load(path: String) throws -> [LabelledText] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(description: "\(path): cannot be read; check the path")
        }
        var cases: [LabelledText] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("{") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any],
                    let text = object["text"] as? String, let intent = object["intent"] as? String
                else {
                    throw FormatError(
                        description: "\(path):\(number + 1): expected {\"text\": \"…\", \"intent\": \"…\"}")
                }
                cases.append(LabelledText(text: text, label: intent, also: object["also"] as? String))
            } else {
                let parts = trimmed.split(separator: "\t", maxSplits: 1)
                guard parts.count == 2 else {
                    throw FormatError(description: "\(path):\(number + 1): expected intent<TAB>text or a JSON object")
                }
                cases.append(LabelledText(text: String(parts[1]), label: String(parts[0])))
            }
        }
        return cases
    }
}
