import Foundation

/// Builds request lines for the daemon, as clients send them.
public enum RequestLine {
    /// `{"id":…,"type":"ask","text":…,"lang":…,"session":…}`.
    public static func ask(_ text: String, id: String, language: Language? = nil, session: String? = nil) -> [UInt8] {
        var object: [RequestKey: String] = [.id: id, .type: RequestType.ask.rawValue, .text: text]
        if let language { object[.lang] = language.rawValue }
        if let session { object[.session] = session }
        return encode(object)
    }

    /// `{"id":…,"type":TYPE}`: every request but `ask`.
    public static func simple(_ type: RequestType, id: String) -> [UInt8] {
        encode([.id: id, .type: type.rawValue])
    }

    private static func encode(_ object: [RequestKey: String]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let named = Dictionary(uniqueKeysWithValues: object.map { ($0.key.rawValue, $0.value) })
        return Array((try? encoder.encode(named)) ?? Data())
    }
}
