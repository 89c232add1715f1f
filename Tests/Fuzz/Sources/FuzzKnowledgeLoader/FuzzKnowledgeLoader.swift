import BacktalkCore
import BacktalkProtocol
import FuzzerDriver
import Foundation

/// The folder the fuzzer writes each input into, as the only YAML file of a knowledge base.
private let directory: String = {
    let path = NSTemporaryDirectory() + "backtalk-fuzz-kb-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

/// libFuzzer entry: any bytes as a knowledge base file. The loader must load it or report problems with
/// positions inside the file, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKnowledgeLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = directory + "/kb.yaml"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)) else {
        fatalError("cannot write \(path)")
    }
    do {
        _ = try KnowledgeBaseLoader.load(directory: directory)
    } catch {
        for problem in error.problems where problem.line < 0 || problem.column < 0 {
            fatalError("a problem with a negative position: \(problem)")
        }
    }
    return 0
}

@main
enum FuzzKnowledgeLoaderMain {
    static func main() {
        exit(runFuzzer(fuzzKnowledgeLoader))
    }
}
