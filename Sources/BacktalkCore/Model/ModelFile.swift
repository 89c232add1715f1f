import BacktalkProtocol
import Foundation

/// A trained model on disk (`backtalkd train`, the daemon's cache): a header that says what it is, then
/// the trained numbers with a checksum.
///
/// Layout, little-endian: the magic `BTKM`, the format version (UInt32), the header's length (UInt32) and
/// the header, JSON (format, program version, fingerprint, training options, labels); then the body's
/// length (UInt64), its FNV-1a checksum (UInt64) and the body: the labels, the feature options, the
/// vocabulary's hashes in index order, the inverse document frequencies, the training words' n-grams, the
/// intent weights (a byte per weight and a scale per feature), the language detector and the emergency
/// detector (see ``write(_:to:)``).
/// Reading checks all of it and refuses a truncated, corrupt, foreign, older or mismatched file with a
/// ``ModelFileError`` that says which.
public enum ModelFile {
    static let magic: [UInt8] = Array("BTKM".utf8)
    /// Bumped whenever the body's layout changes.
    static let formatVersion: UInt32 = 2
    /// The longest character n-gram a model may ask for: a file that asks for more is corrupt (a length from
    /// a broken file would make every question's words take for ever).
    static let longestCharacterGram = 16

    /// What the header says about a model, for people and for the checks on load.
    struct Header: Codable {
        var format: UInt32
        var program: String
        var fingerprint: String
        var options: String
        var labels: [String]
    }

    /// The bytes of `model` trained with `options`.
    public static func bytes(of model: TrainedModel, options: TrainingOptions) -> [UInt8] {
        var body = BinaryWriter()
        write(model, to: &body)
        let header = Header(
            format: formatVersion, program: BacktalkVersion.current, fingerprint: model.fingerprint,
            options: options.fingerprintText, labels: model.classifier.labels)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys  // the same model, the same bytes (`make deb` twice)
        let headerBytes = Array((try? encoder.encode(header)) ?? Data())
        var file = BinaryWriter()
        file.append(bytes: magic)
        file.append(formatVersion)
        file.append(UInt32(headerBytes.count))
        file.append(bytes: headerBytes)
        file.append(UInt64(body.bytes.count))
        file.append(checksum(body.bytes))
        file.append(bytes: body.bytes)
        return file.bytes
    }

    /// Writes `model` to `path` atomically (a temporary file in the same folder, then a rename), so that a
    /// reader never sees half a file.
    public static func write(_ model: TrainedModel, options: TrainingOptions, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try Data(bytes(of: model, options: options)).write(to: url, options: .atomic)
    }

    /// The model in `path`, which must have been trained on inputs with `fingerprint`.
    public static func read(from path: String, expecting fingerprint: String) throws(ModelFileError) -> TrainedModel {
        guard let bytes = fileBytes(atPath: path) else { throw .unreadable(path) }
        return try model(from: bytes, expecting: fingerprint)
    }

    /// The fingerprint of the training inputs the model in `bytes` says it was trained on.
    public static func fingerprint(in bytes: [UInt8]) throws(ModelFileError) -> String {
        var reader = BinaryReader(bytes)
        return try header(from: &reader).fingerprint
    }

    /// The header of the file in `reader`, checked for the magic and the format.
    private static func header(from reader: inout BinaryReader) throws(ModelFileError) -> Header {
        guard (try? reader.bytes(magic.count)) == magic else { throw .notAModel }
        guard let format = try? reader.read(UInt32.self) else { throw .truncated }
        guard format == formatVersion else { throw .otherFormat(format) }
        guard let headerLength = try? reader.read(UInt32.self), let headerBytes = try? reader.bytes(Int(headerLength))
        else { throw .truncated }
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(headerBytes)) else { throw .corrupt }
        return header
    }

    /// The model in `bytes`, which must have been trained on inputs with `fingerprint`.
    public static func model(from bytes: [UInt8], expecting fingerprint: String) throws(ModelFileError) -> TrainedModel {
        var reader = BinaryReader(bytes)
        let header = try header(from: &reader)
        guard header.fingerprint == fingerprint else { throw .otherTrainingInputs(header.fingerprint) }
        guard let bodyLength = try? reader.read(UInt64.self), let expectedChecksum = try? reader.read(UInt64.self),
            bodyLength == UInt64(reader.remainingCount)
        else { throw .truncated }
        // The body is checked and read where it lies: a model is tens of megabytes.
        guard reader.checksumOfTheRest() == expectedChecksum else { throw .corrupt }
        do {
            let model = try read(from: &reader, fingerprint: fingerprint)
            guard reader.isAtEnd, model.classifier.labels == header.labels else { throw ModelFileError.corrupt }
            return model
        } catch {
            throw .corrupt
        }
    }

    private static func write(_ model: TrainedModel, to writer: inout BinaryWriter) {
        let classifier = model.classifier
        let vectorizer = classifier.vectorizer
        writer.append(strings: classifier.labels)
        writer.append(Int32(vectorizer.extractor.characterGrams.lowerBound))
        writer.append(Int32(vectorizer.extractor.characterGrams.upperBound))
        writer.append(floats: vectorizer.viewWeights)
        writer.append(vectorizer.unknownFeatureMass)
        writer.append(hashes: vectorizer.vocabulary.hashesInIndexOrder)
        writer.append(floats: vectorizer.idf)
        writer.append(hashes: vectorizer.knownWordGrams.numbers.hashesInIndexOrder)
        writer.append(integers: vectorizer.knownWordGrams.starts)
        writer.append(integers: vectorizer.knownWordGrams.grams)
        writer.append(regression: classifier.model)
        writer.append(floats: model.languages.danishLogRatio)
        writer.append(model.languages.danishPrior)
        writer.append(UInt8(model.emergencies == nil ? 0 : 1))
        if let emergencies = model.emergencies { writer.append(regression: emergencies.model) }
    }

    private static func read(from reader: inout BinaryReader, fingerprint: String) throws -> TrainedModel {
        let labels = try reader.strings()
        let shortestGram = Int(try reader.read(Int32.self))
        let longestGram = Int(try reader.read(Int32.self))
        guard 1 <= shortestGram, shortestGram <= longestGram, longestGram <= longestCharacterGram else {
            throw ModelFileError.corrupt
        }
        let viewWeights = try reader.floats()
        let unknownFeatureMass = try reader.read(Float.self)
        let vocabulary = FeatureVocabulary(hashes: try reader.hashes())
        let idf = try reader.floats()
        let wordNumbers = FeatureVocabulary(hashes: try reader.hashes())
        let starts = try reader.integers()
        let grams = try reader.integers()
        let features = vocabulary.count
        guard viewWeights.count == FeatureView.allCases.count, idf.count == features,
            starts.count == wordNumbers.count + 1, starts.first == 0, Int(starts.last ?? -1) == grams.count,
            zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }), grams.allSatisfy({ 0 <= $0 && Int($0) < features })
        else { throw ModelFileError.corrupt }
        let model = try reader.regression(features: features)
        guard model.classCount == labels.count, labels.count >= 2 else { throw ModelFileError.corrupt }
        let danishLogRatio = try reader.floats()
        let danishPrior = try reader.read(Float.self)
        guard danishLogRatio.count == features else { throw ModelFileError.corrupt }
        let vectorizer = TfIdfVectorizer(
            extractor: FeatureExtractor(characterGrams: shortestGram...longestGram), vocabulary: vocabulary, idf: idf,
            viewWeights: viewWeights, unknownFeatureMass: unknownFeatureMass,
            knownWordGrams: KnownWordGrams(numbers: wordNumbers, starts: starts, grams: grams))
        let classifier = IntentClassifier(labels: labels, vectorizer: vectorizer, model: model)
        var emergencies: EmergencyDetector?
        switch try reader.read(UInt8.self) {
        case 0: emergencies = nil
        case 1:
            let detector = try reader.regression(features: features)
            guard detector.classCount == 2 else { throw ModelFileError.corrupt }
            emergencies = EmergencyDetector(model: detector, vectorizer: classifier.vectorizer)
        default: throw ModelFileError.corrupt
        }
        return TrainedModel(
            classifier: classifier, languages: LanguageDetector(danishLogRatio: danishLogRatio, danishPrior: danishPrior),
            emergencies: emergencies, fingerprint: fingerprint)
    }

    /// FNV-1a over `bytes`.
    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = FeatureHash.mix(hash, byte) }
        return hash
    }
}

/// Why a model file was not used; the daemon logs it in one line and trains instead.
public enum ModelFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case notAModel
    case otherFormat(UInt32)
    case otherTrainingInputs(String)
    case truncated
    case corrupt

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path)"
        case .notAModel: "not a backtalk model file (no BTKM magic)"
        case .otherFormat(let format): "model format \(format), this program reads format \(ModelFile.formatVersion)"
        case .otherTrainingInputs(let fingerprint): "trained on other inputs (fingerprint \(fingerprint))"
        case .truncated: "the file ends early (truncated)"
        case .corrupt: "the checksum or the contents do not match (corrupt)"
        }
    }
}
