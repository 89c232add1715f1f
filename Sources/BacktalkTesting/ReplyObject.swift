import Foundation

/// One reply line as a dictionary.
/// - Throws: ``NotAnObject`` when the line is JSON but not an object, or JSONSerialization's error.
public func jsonObject(_ line: [UInt8]) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
        throw NotAnObject(line: String(decoding: line, as: UTF8.self))
    }
    return object
}

/// A reply line that is not a JSON object.
public struct NotAnObject: Error, CustomStringConvertible {
    public var line: String
    public var description: String { "not a JSON object: \(line)" }
}
