import Foundation

/// A temporary folder for sockets, removed by the caller.
public func temporaryDirectory() throws -> String {
    let path = "/tmp/bt-" + String(UUID().uuidString.prefix(8))
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
