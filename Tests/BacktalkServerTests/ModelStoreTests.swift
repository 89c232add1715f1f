import BacktalkCore
import BacktalkServer
import Foundation
import Testing

/// The daemon trains once per set of training inputs: a model in service, the cache or a model file
/// serve while their fingerprint matches; a broken cached file is noted and trained over.
@Suite struct ModelStoreTests {
    private let options = TrainingOptions.withOutOfScopeClass

    private func knowledge() throws -> KnowledgeBase {
        try KnowledgeBaseLoader.load(directory: Repository.root + "/Tests/Fuzz/ModelSeed")
    }

    @Test func trainsOnceThenServesFromTheCacheAndKeepsTheModelInService() throws {
        let cache = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let store = ModelStore(cacheDirectory: cache)
        let base = try knowledge()
        var notes: [String] = []
        let first = store.model(for: base, options: options, notes: &notes)
        #expect(first.source == .trained)
        #expect(FileManager.default.fileExists(atPath: "\(cache)/\(first.model.fingerprint).btm"))
        let second = store.model(for: base, options: options, notes: &notes).source
        #expect(second == .cache)
        let kept = store.model(for: base, options: options, inService: first.model, notes: &notes).source
        #expect(kept == .service)
        #expect(notes.isEmpty)
    }

    @Test func aBrokenCachedModelIsNotedAndTrainedOver() throws {
        let cache = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let store = ModelStore(cacheDirectory: cache)
        let base = try knowledge()
        var notes: [String] = []
        let path = "\(cache)/\(TrainedModel.fingerprint(of: base, options: options)).btm"
        try Data("BTKM but not a model".utf8).write(to: URL(fileURLWithPath: path))
        let first = store.model(for: base, options: options, notes: &notes).source
        #expect(first == .trained)
        #expect(notes.count == 1 && notes[0].contains("not used"), "\(notes)")
        let again = store.model(for: base, options: options, notes: &notes).source
        #expect(again == .cache, "rewritten")
    }

    @Test func theCacheFolderFollowsSystemdThenXDG() {
        #expect(ModelStore.cacheDirectory(option: "/x", environment: ["CACHE_DIRECTORY": "/y"]) == "/x")
        #expect(ModelStore.cacheDirectory(option: nil, environment: ["CACHE_DIRECTORY": "/var/cache/backtalk"]) == "/var/cache/backtalk")
        #expect(ModelStore.cacheDirectory(option: nil, environment: ["XDG_CACHE_HOME": "/h/.c", "HOME": "/h"]) == "/h/.c/backtalk")
        #expect(ModelStore.cacheDirectory(option: nil, environment: ["HOME": "/h"]) == "/h/.cache/backtalk")
        #expect(ModelStore.cacheDirectory(option: nil, environment: [:]) == nil)
    }
}
