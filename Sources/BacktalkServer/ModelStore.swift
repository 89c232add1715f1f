import BacktalkCore
import Foundation

/// Where the daemon looks for a trained model before it trains: the model file given with `--model`, then
/// its cache folder, each used only when the model's fingerprint matches the knowledge base's training
/// inputs. On a miss its trainer (a `backtalkd train` child process) writes the model into the cache,
/// atomically, so that the next start or reload with the same inputs loads in milliseconds.
public struct ModelStore: Sendable {
    /// Makes a model when none fits.
    public var trainer: ModelTrainer
    /// A model file to try first (`--model`; the Debian package ships the shipped knowledge base's).
    public var modelFile: String?
    /// The cache folder, or nil for none.
    public var cacheDirectory: String?

    public init(trainer: ModelTrainer, modelFile: String? = nil, cacheDirectory: String? = nil) {
        self.trainer = trainer
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

    /// The model of `knowledge`, read from `layers`: the one `inService` when its fingerprint matches (a
    /// reload that changed no training input), else read from the cache or the model file when its
    /// fingerprint matches, else made by the trainer, into the cache when there is one. Every file that was
    /// there but not used, and a cache that could not be written, adds one line to `notes`, for the log.
    /// - Throws: ``ModelTrainerError`` when training fails or trains on other inputs (the files changed).
    public func model(
        for knowledge: KnowledgeBase, layers: [String], options: TrainingOptions, inService: TrainedModel? = nil,
        notes: inout [String]
    ) throws(ModelTrainerError) -> (model: TrainedModel, source: Source) {
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
        return (try trained(layers: layers, fingerprint: fingerprint, cached: cached, notes: &notes), .trained)
    }

    /// Trains into the cache, or into a temporary file when there is no cache or it cannot be written,
    /// and reads the model back.
    private func trained(
        layers: [String], fingerprint: String, cached: String?, notes: inout [String]
    ) throws(ModelTrainerError) -> TrainedModel {
        var output = cached
        if let cacheDirectory {
            do {
                try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
                // The child would fail to write there, and the start with it: train into a temporary file.
                guard FileManager.default.isWritableFile(atPath: cacheDirectory) else {
                    throw CocoaError(.fileWriteNoPermission)
                }
            } catch {
                notes.append(
                    "the trained model cannot be cached in \(cacheDirectory): \(error.localizedDescription); "
                        + "make it writable for backtalkd (or pass --cache DIR) so that the next start need not train")
                output = nil
            }
        }
        let temporary = output == nil
        let path = output ?? FileManager.default.temporaryDirectory.path + "/backtalk-model-\(getpid())-\(fingerprint).btm"
        defer { if temporary { try? FileManager.default.removeItem(atPath: path) } }
        do {
            try trainer.train(layers, path)
        } catch let error as ModelTrainerError {
            throw error
        } catch {
            throw ModelTrainerError("training failed: \(error)")
        }
        do {
            return try ModelFile.read(from: path, expecting: fingerprint)
        } catch .otherTrainingInputs {
            throw ModelTrainerError(
                "the knowledge base changed while it was trained; reload again when the files are saved")
        } catch {
            throw ModelTrainerError(
                "the trained model \(path) cannot be read (\(error)); reload to train it again, and check the disk if it repeats")
        }
    }
}
