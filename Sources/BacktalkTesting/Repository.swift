import Foundation

/// Paths of the repository and of the binaries this test run was built with.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    public static let knowledge = root + "/Knowledge"
    public static let heldOut = root + "/Tests/HeldOut"

    /// The folder holding `backtalkd` and `backtalk`: the one this test run was built into, never another
    /// build's (which may be stale). ``TestDaemon`` fails when `backtalkd` is not there.
    public static let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
}
