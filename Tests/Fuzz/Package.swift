// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets, a package of their own because they only link with -sanitize=fuzzer:
//   swift build -c release --package-path Tests/Fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
// `make fuzz` builds and runs them on the seed corpus in Corpus/.
let package = Package(
    name: "BacktalkFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "backtalk", path: "../../")],
    targets: [
        .target(name: "FuzzerDriver"),
        .executableTarget(
            name: "FuzzRequestDecoder",
            dependencies: [
                "FuzzerDriver", .product(name: "BacktalkProtocol", package: "backtalk"),
                .product(name: "BacktalkCore", package: "backtalk"),
            ]),
        .executableTarget(
            name: "FuzzModelReader",
            dependencies: ["FuzzerDriver", .product(name: "BacktalkCore", package: "backtalk")]),
        .executableTarget(
            name: "FuzzKnowledgeLoader",
            dependencies: [
                "FuzzerDriver", .product(name: "BacktalkProtocol", package: "backtalk"),
                .product(name: "BacktalkCore", package: "backtalk"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
