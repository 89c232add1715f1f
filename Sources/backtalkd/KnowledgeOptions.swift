import ArgumentParser
import BacktalkCore
import BacktalkProtocol
import Foundation

/// The option that says which knowledge base to load: its folders, in layers.
struct KnowledgeOptions: ParsableArguments {
    @Option(
        name: [.customLong("knowledge")],
        help: ArgumentHelp(
            """
                A knowledge base folder; give it again for local layers, later ones adding to and changing earlier \
                ones. Default: the one installed with backtalkd and \(KnowledgeLocation.localLayer) when it exists \
                (what the service serves), or Knowledge/ in the source tree.
                """,
            valueName: "dir"))
    var layers = KnowledgeLocation.defaultLayers(executable: ProgramLocation.executable, isFolder: isFolder)
}

private func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
}
