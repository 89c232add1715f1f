import BacktalkCore
import Foundation

/// Where the daemon looks for a trained model before it trains: the model file given with `--model`, then
/// its cache folder, each used only when the model's fingerprint matches the knowledge base's training
/// inputs. On a miss it trains and keeps the model in the cache, written atomically, so that the next
/// start or reload with the same inputs loads in milliseconds.
public struct ModelStore: Sendable {
    /// A model file to try first (`--model`; the Debian package ships the shipped knowledge base's).
    public var modelFile: String?
    /// The cache folder, or nil for none.
    public var cacheDirectory: String?

    public init(modelFile: String? = nil, cacheDirectory: String? = nil) {
        self.modelFile = modelFile
        self.cacheDirectory = cacheDirectory
    }

    /// The cache folder: `option` (`--cache`) if given, else systemd's `$CACHE_DIRECTORY` (the unit's
    /// `CacheDirectory=backtalk`), else `$XDG_CACHE_HOME/backtalk`, else `~/.cache/backtalk`.
    public static func cacheDirectory(option: String?, environment: [String: String]) -> String? {
        if let option { return option }
        if let systemd = environment["CACHE_DIRECTORY"], !systemd.isEmpty {
            // systemd lists one folder per CacheDirectory= entry, separated by colons.
            return String(systemd.split(separator: ":").first ?? Substring(systemd))
        }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/backtalk" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/backtalk" }
        return nil
    }

    /// Where a model came from.
    public enum Source: String, Sendable {
        /// The model already in service: a reload whose training inputs did not change.
        case service
        case file, cache, trained
    }

    /// The model of `knowledge`: the one `inService` when its fingerprint matches (a reload that changed no
    /// training input), else read from the cache or the model file when its fingerprint matches, else
    /// trained with `options` and written to the cache. Every file that was there but not used, and a
    /// cache that could not be written, adds one line to `notes`, for the log.
    public func model(
        for knowledge: KnowledgeBase, options: TrainingOptions, inService: TrainedModel? = nil, notes: inout [String]
    ) -> (model: TrainedModel, source: Source) {
        let fingerprint = TrainedModel.fingerprint(of: knowledge, options: options)
        if let inService, inService.fingerprint == fingerprint { return (inService, .service) }
        let cached = cacheDirectory.map { "\($0)/\(fingerprint).btm" }
        // A model file of other training inputs is expected once a local layer changes them; it is worth a
        // line only when nothing else serves.
        var otherInputs: [String] = []
        for (path, source) in [(cached, Source.cache), (modelFile, .file)] {
            guard let path, FileManager.default.fileExists(atPath: path) else { continue }
            do {
                return (try ModelFile.read(from: path, expecting: fingerprint), source)
            } catch .otherTrainingInputs {
                otherInputs.append("model \(path) not used: trained on other training questions; training instead")
            } catch {
                notes.append("model \(path) not used: \(error); training instead")
            }
        }
        notes += otherInputs
        let model = TrainedModel(training: knowledge, options: options)
        if let cacheDirectory, let cached {
            do {
                try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
                try ModelFile.write(model, options: options, to: cached)
            } catch {
                notes.append("the trained model could not be cached in \(cacheDirectory): \(error.localizedDescription)")
            }
        }
        return (model, .trained)
    }
}
