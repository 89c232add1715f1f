import Foundation

/// Where the bot's `/sync` continues from (`next_batch`), kept in a file of its state directory
/// (`StateDirectory=`) after each batch is answered: a restart neither answers a message twice nor misses
/// one sent while it was down. The file names the user too, so a token of another user starts afresh.
public struct SyncPosition: Sendable {
    public let file: URL

    /// The position file in `directory`.
    public init(directory: String) {
        file = URL(fileURLWithPath: directory).appendingPathComponent("sync-position.json")
    }

    private struct Stored: Codable {
        var user_id: String
        var next_batch: String
    }

    /// The stored position of `userID`; nil when none is stored, for another user, or unreadable.
    public func load(for userID: String) -> String? {
        guard let data = try? Data(contentsOf: file), let stored = try? JSONDecoder().decode(Stored.self, from: data),
            stored.user_id == userID
        else { return nil }
        return stored.next_batch
    }

    /// Stores `nextBatch` for `userID`: written to a new file that then replaces the old one, so a crash
    /// leaves the old position or the new one, never half of one.
    public func save(_ nextBatch: String, for userID: String) throws {
        let data = try JSONEncoder().encode(Stored(user_id: userID, next_batch: nextBatch))
        try data.write(to: file, options: .atomic)
    }
}
