import BacktalkCore
import BacktalkServer
import BacktalkTesting
import BacktalkTraining
import Foundation
import Testing

/// The daemon trains once per set of training inputs: a model in service, the cache or a model file
/// serve while their fingerprint matches; a broken cached file is noted and trained over; training runs
/// in a `backtalkd train` child process.
@Suite struct ModelStoreTests {
    private let options = TrainingOptions.withOutOfScopeClass
    /// A knowledge base of two intents, quick to train.
    private let layers = [Repository.root + "/Tests/Fuzz/ModelSeed"]

    private func knowledge() throws -> KnowledgeBase {
        try KnowledgeBaseLoader.load(layers: layers)
    }

    @Test func trainsOnceThenServesFromTheCacheAndKeepsTheModelInService() throws {
        let cache = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let store = ModelStore(trainer: .inProcess, cacheDirectory: cache)
        let base = try knowledge()
        var notes: [String] = []
        let first = try store.model(for: base, layers: layers, options: options, notes: &notes)
        #expect(first.source == .trained)
        #expect(FileManager.default.fileExists(atPath: "\(cache)/\(first.model.fingerprint).btm"))
        let second = try store.model(for: base, layers: layers, options: options, notes: &notes).source
        #expect(second == .cache)
        let kept = try store.model(for: base, layers: layers, options: options, inService: first.model, notes: &notes)
            .source
        #expect(kept == .service)
        #expect(notes.isEmpty)
    }

    @Test func aBrokenCachedModelIsNotedAndTrainedOver() throws {
        let cache = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let store = ModelStore(trainer: .inProcess, cacheDirectory: cache)
        let base = try knowledge()
        var notes: [String] = []
        let path = "\(cache)/\(TrainedModel.fingerprint(of: base, options: options)).btm"
        try Data("BTKM but not a model".utf8).write(to: URL(fileURLWithPath: path))
        let first = try store.model(for: base, layers: layers, options: options, notes: &notes).source
        #expect(first == .trained)
        #expect(notes.count == 1 && notes[0].contains("not used"), "\(notes)")
        let again = try store.model(for: base, layers: layers, options: options, notes: &notes).source
        #expect(again == .cache, "rewritten")
    }

    @Test func theDaemonsTrainerIsABacktalkdTrainChildProcess() throws {
        let cache = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let store = ModelStore(
            trainer: .childProcess(executable: Repository.binaries + "/backtalkd"), cacheDirectory: cache)
        let base = try knowledge()
        var notes: [String] = []
        let trained = try store.model(for: base, layers: layers, options: options, notes: &notes)
        #expect(trained.source == .trained)
        let inProcess = TrainedModel(training: base, options: options)
        #expect(ModelFile.bytes(of: trained.model, options: options) == ModelFile.bytes(of: inProcess, options: options))
    }

    @Test func withoutACacheTheModelIsTrainedIntoATemporaryFileAndItIsRemoved() throws {
        let store = ModelStore(trainer: .inProcess, cacheDirectory: nil)
        var notes: [String] = []
        let trained = try store.model(for: try knowledge(), layers: layers, options: options, notes: &notes)
        #expect(trained.source == .trained)
        let left = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("backtalk-model-\(getpid())-") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func aCacheThatCannotBeWrittenIsNotedAndTheModelStillServes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let notAFolder = directory + "/cache"
        try Data("a file where the cache folder should be".utf8).write(to: URL(fileURLWithPath: notAFolder))
        let store = ModelStore(trainer: .inProcess, cacheDirectory: notAFolder)
        var notes: [String] = []
        let trained = try store.model(for: try knowledge(), layers: layers, options: options, notes: &notes)
        #expect(trained.source == .trained)
        #expect(notes.count == 1 && notes[0].contains("cannot be cached in \(notAFolder)"), "\(notes)")
        #expect(notes.first?.contains("make it writable") == true)
    }

    @Test func aTrainerThatCannotRunIsAnErrorThatSaysWhatToDo() throws {
        let store = ModelStore(trainer: .childProcess(executable: "/nonexistent/backtalkd"), cacheDirectory: nil)
        var notes: [String] = []
        #expect {
            try store.model(for: try knowledge(), layers: layers, options: options, notes: &notes)
        } throws: { error in
            (error as? ModelTrainerError)?.description.contains("check that backtalkd is installed") == true
        }
    }

    @Test func theCacheFolderFollowsSystemdThenXDG() {
        #expect(ModelStore.cacheDirectory(option: "/x", environment: ["CACHE_DIRECTORY": "/y"]) == "/x")
        #expect(ModelStore.cacheDirectory(option: nil, environment: ["CACHE_DIRECTORY": "/var/cache/backtalk"]) == "/var/cache/backtalk")
        #expect(ModelStore.cacheDirectory(option: nil, environment: ["XDG_CACHE_HOME": "/h/.c", "HOME": "/h"]) == "/h/.c/backtalk")
        #expect(ModelStore.cacheDirectory(option: nil, environment: ["HOME": "/h"]) == "/h/.cache/backtalk")
        #expect(ModelStore.cacheDirectory(option: nil, environment: [:]) == nil)
    }
}
