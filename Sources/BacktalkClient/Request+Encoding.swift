import Foundation

/// Builds request lines for the daemon.
public enum RequestLine {
    /// `{"id":…,"type":"ask","text":…,"lang":…,"session":…}`.
    public static func ask(_ text: String, id: String, language: String? = nil, session: String? = nil) -> [UInt8] {
        var object: [String: String] = ["id": id, "type": "ask", "text": text]
        if let language { object["lang"] = language }
        if let session { object["session"] = session }
        return encode(object)
    }

    /// `{"id":…,"type":TYPE}` for `status` and `intents`.
    public static func simple(_ type: String, id: String) -> [UInt8] {
        encode(["id": id, "type": type])
    }

    private static func encode(_ object: [String: String]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(object)) ?? Data())
    }
}
