import BacktalkCore
import BacktalkProtocol
import FuzzerDriver

/// libFuzzer entry: any bytes as one request line. The decoder must return a request or a protocol error,
/// never crash, hang or read out of bounds; a decoded request's text round-trips through the normaliser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    switch RequestDecoder.decode(Array(UnsafeBufferPointer(start: data, count: size))) {
    case .success(.ask(_, let text, _, _)):
        _ = TextNormalizer.normalized(text)
    case .success, .failure:
        break
    }
    return 0
}

@main
enum FuzzRequestDecoderMain {
    static func main() {
        exit(runFuzzer(fuzzRequestDecoder))
    }
}
