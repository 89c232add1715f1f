import BacktalkMatrix
import BacktalkTesting
import Foundation
import Testing

@Suite struct SyncPositionTests {
    @Test func keepsThePositionOfItsUserOnly() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let position = SyncPosition(directory: folder)
        #expect(position.load(for: "@backtalk:clinic.dk") == nil, "nothing stored yet")
        try position.save("s10_1", for: "@backtalk:clinic.dk")
        try position.save("s11_1", for: "@backtalk:clinic.dk")
        #expect(position.load(for: "@backtalk:clinic.dk") == "s11_1")
        #expect(position.load(for: "@other:clinic.dk") == nil, "a token of another user starts afresh")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["sync-position.json"], "no temporary file left")
    }

    @Test func anUnreadableFileIsNoPosition() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("{\"user_id\":".utf8).write(to: URL(fileURLWithPath: folder + "/sync-position.json"))
        #expect(SyncPosition(directory: folder).load(for: "@backtalk:clinic.dk") == nil)
    }
}
