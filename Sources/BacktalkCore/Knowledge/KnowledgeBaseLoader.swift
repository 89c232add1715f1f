import BacktalkProtocol
import Foundation
import Yams

/// Loads and validates a knowledge base from folders of YAML files (the format is in `Knowledge/README.md`).
///
/// The folders are layers: the first holds the shipped knowledge base, each later one an administrator's
/// additions (`/etc/backtalk/knowledge.d`), which may add intents and `extends:` earlier ones.
/// Every problem is collected before failing, each as `FILE:LINE:COLUMN: what is wrong; what to do`.
public enum KnowledgeBaseLoader {
    /// Loads every `*.yaml`/`*.yml` file of `directory`, in name order.
    /// - Throws: ``KnowledgeBaseError`` with every problem found.
    public static func load(directory: String) throws(KnowledgeBaseError) -> KnowledgeBase {
        try load(layers: [directory])
    }

    /// Loads the files of each folder of `layers` in name order, layer after layer. The first layer must
    /// hold files; a later one may be empty.
    /// - Throws: ``KnowledgeBaseError`` with every problem found.
    public static func load(layers: [String]) throws(KnowledgeBaseError) -> KnowledgeBase {
        var draft = KnowledgeBaseDraft(directory: layers.first ?? ".")
        var digest = DigestBuilder()
        var readable: [(path: String, contents: String, layer: Int)] = []
        for (layer, directory) in layers.enumerated() {
            let files: [String]
            do {
                files = try FileManager.default.contentsOfDirectory(atPath: directory)
                    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                    .sorted()
            } catch {
                draft.problems.append(
                    KnowledgeBaseProblem(
                        file: directory, line: 0, column: 0,
                        message: "cannot read this folder; pass --knowledge with the folder that holds the YAML files "
                            + "(in the source tree: --knowledge Knowledge)"))
                continue
            }
            if files.isEmpty && layer == 0 {
                draft.problems.append(
                    KnowledgeBaseProblem(
                        file: directory, line: 0, column: 0,
                        message: "no .yaml files here; pass --knowledge with the folder that holds the knowledge base"))
            }
            digest.add("\(layer)")
            for name in files {
                let path = (directory as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path),
                    let contents = String(data: data, encoding: .utf8)
                else {
                    draft.problems.append(
                        KnowledgeBaseProblem(
                            file: path, line: 0, column: 0,
                            message: "cannot be read as UTF-8 text; save it as UTF-8"))
                    continue
                }
                digest.add(name)
                digest.add(contents)
                readable.append((path, contents, layer))
            }
        }
        // Parsing is most of a load; the files are parsed at the same time and read in order.
        let parsed = parallelMap(readable) { KnowledgeBaseDraft.parse($0.contents) }
        for (file, result) in zip(readable, parsed) {
            draft.read(file: file.path, parsed: result, layer: file.layer)
        }
        if draft.problems.contains(where: { $0.line == 0 && layers.contains($0.file) }) {
            throw KnowledgeBaseError(problems: draft.problems)
        }
        return try draft.validated(digest: digest.hex)
    }
}
