import BacktalkCore
import Testing

/// Where an installed backtalkd finds its knowledge base without `--knowledge`.
@Suite struct KnowledgeLocationTests {
    @Test func thePackageServesItsOwnKnowledgeAndTheLocalLayer() {
        let folders: Set = ["/usr/share/backtalk/knowledge", "/etc/backtalk/knowledge.d"]
        #expect(
            KnowledgeLocation.defaultLayers(executable: "/usr/bin/backtalkd", isFolder: folders.contains)
                == ["/usr/share/backtalk/knowledge", "/etc/backtalk/knowledge.d"])
    }

    @Test func makeInstallServesTheKnowledgeUnderItsPrefix() {
        let folders: Set = ["/usr/local/share/backtalk/knowledge"]
        #expect(
            KnowledgeLocation.defaultLayers(executable: "/usr/local/bin/backtalkd", isFolder: folders.contains)
                == ["/usr/local/share/backtalk/knowledge"], "no local layer when its folder does not exist")
    }

    @Test func theSourceTreeServesItsKnowledgeFolder() {
        let folders: Set = ["Knowledge", "/etc/backtalk/knowledge.d"]
        #expect(
            KnowledgeLocation.defaultLayers(
                executable: "/src/backtalk/.build/x86_64-unknown-linux-gnu/release/backtalkd", isFolder: folders.contains)
                == ["Knowledge"])
    }

    @Test func nothingInstalledNamesTheInstalledPlaceInItsError() {
        #expect(
            KnowledgeLocation.defaultLayers(executable: "/opt/bt/bin/backtalkd", isFolder: { _ in false })
                == ["/opt/bt/share/backtalk/knowledge"])
    }
}
