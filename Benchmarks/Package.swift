// swift-tools-version: 6.1
import PackageDescription

// The benchmarks are a package of their own, so the benchmark dependency stays out of backtalk's build.
let package = Package(
    name: "BacktalkBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "backtalk", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "BacktalkBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BacktalkProtocol", package: "backtalk"),
                .product(name: "BacktalkCore", package: "backtalk"),
                .product(name: "BacktalkTraining", package: "backtalk"),
            ],
            path: "BacktalkBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
