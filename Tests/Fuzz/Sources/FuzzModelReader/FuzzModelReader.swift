import BacktalkCore
import FuzzerDriver

/// libFuzzer entry: any bytes as a model file. The body's checksum is made right first, so that mutations
/// reach the body's reader instead of stopping at the checksum. Reading must give a model or a
/// `ModelFileError`, never crash, hang or read out of bounds, and a model read must classify a question.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    correctChecksum(&bytes)
    guard let fingerprint = try? ModelFile.fingerprint(in: bytes),
        let model = try? ModelFile.model(from: bytes, expecting: fingerprint)
    else { return 0 }
    _ = model.classifier.classify("what is one")
    _ = model.classifier.classify("hvad er to i morgen")
    return 0
}

/// Writes the FNV-1a checksum of the body where the layout of `ModelFile` keeps it: after the magic, the
/// format, the header's length, the header and the body's length.
private func correctChecksum(_ bytes: inout [UInt8]) {
    guard bytes.count >= 12 else { return }
    let headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
    let checksumAt = 12 + headerLength + 8
    let bodyAt = checksumAt + 8
    guard bodyAt <= bytes.count else { return }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes[bodyAt...] { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    for index in 0..<8 { bytes[checksumAt + index] = UInt8(truncatingIfNeeded: hash >> (8 * UInt64(index))) }
}

@main
enum FuzzModelReaderMain {
    static func main() {
        exit(runFuzzer(fuzzModelReader))
    }
}
