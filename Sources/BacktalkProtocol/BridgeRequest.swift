import Foundation

/// Turns a line a chat relay writes to `backtalk bridge` into a request line for the daemon. A relay
/// writes `{"session":"…","text":"…"}` (and may add `id` and `lang`); the bridge adds `"type":"ask"` when
/// the object has no type. Anything else goes to the daemon as it is, so the daemon's error reply says
/// what is wrong with it.
public enum BridgeRequest {
    /// The request line for `input`; nil for a blank line, which the daemon would not answer.
    public static func line(from input: String) -> [UInt8]? {
        let bytes = Array(input.utf8)
        guard let start = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return nil }
        guard bytes[start] == UInt8(ascii: "{"),
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            object[RequestKey.type.rawValue] == nil
        else { return bytes }
        var request = Array(bytes[...start])
        request += Array("\"\(RequestKey.type.rawValue)\":\"\(RequestType.ask.rawValue)\"".utf8)
        let rest = bytes[(start + 1)...]
        if rest.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: "}") && $0 != 0x0D }) {
            request.append(UInt8(ascii: ","))
        }
        return request + rest
    }
}
