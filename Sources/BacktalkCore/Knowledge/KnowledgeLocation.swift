/// Where an installed backtalkd finds its knowledge base when no `--knowledge` is given: the shipped one
/// installed beside the program (`PREFIX/share/backtalk/knowledge` for `PREFIX/bin/backtalkd`, so
/// `/usr/share/…` for the package and `/usr/local/share/…` for `make install`), then the administrator's
/// local layer when it exists. The service and `backtalkd --check` both use these defaults, so a check
/// checks what the service serves. A program that is not installed (run from the source tree's root) serves
/// the source tree's `Knowledge/`.
public enum KnowledgeLocation {
    /// The administrator's local layer, read after the shipped knowledge base; upgrades never touch it.
    public static let localLayer = "/etc/backtalk/knowledge.d"

    /// The shipped knowledge base of the program at `executable` (an absolute path).
    public static func shipped(besideExecutable executable: String) -> String {
        let bin = parentFolder(of: executable)
        return parentFolder(of: bin) + "/share/backtalk/knowledge"
    }

    /// The model of the shipped knowledge base, trained when it was installed (`make install`, the package).
    public static func shippedModel(besideExecutable executable: String) -> String {
        let bin = parentFolder(of: executable)
        return parentFolder(of: bin) + "/share/backtalk/model.btm"
    }

    /// The source tree's knowledge base, relative to its root.
    public static let sourceTree = "Knowledge"

    /// The layers to serve by default: the shipped knowledge base beside `executable` and the local layer,
    /// each when `isFolder` says it exists; the source tree's when nothing is installed beside `executable`.
    public static func defaultLayers(executable: String, isFolder: (String) -> Bool) -> [String] {
        let shipped = shipped(besideExecutable: executable)
        if !isFolder(shipped) && isFolder(sourceTree) { return [sourceTree] }
        return isFolder(localLayer) ? [shipped, localLayer] : [shipped]
    }

    private static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "" : String(path[..<slash])
    }
}
