// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target.
/// - `ExistentialAny` (SE-0335): spell existential types `any P`, so their cost is visible.
/// - `MemberImportVisibility` (SE-0444): a file sees only members of the modules it imports itself.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Link settings of the daemons (backtalkd, backtalk-irc, backtalk-matrix), which stay resident: lld packs the relative
/// relocations of the position-independent executable (DT_RELR: 2.3 MB of relocation records become 40 KB)
/// and the executable exports no symbols (the Swift toolchain's `-export-dynamic` made a 1.4 MB dynamic
/// symbol table). Less of the file is mapped at start: 4.7 MB less resident memory (docs/MEMORY.md).
let daemonLinkerSettings: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"],
        .when(platforms: [.linux])),
]

let package = Package(
    name: "backtalk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "backtalkd", targets: ["backtalkd"]),
        .executable(name: "backtalk", targets: ["backtalk"]),
        .executable(name: "backtalk-irc", targets: ["backtalk-irc"]),
        .executable(name: "backtalk-matrix", targets: ["backtalk-matrix"]),
        .library(name: "BacktalkProtocol", targets: ["BacktalkProtocol"]),
        .library(name: "BacktalkCore", targets: ["BacktalkCore"]),
        .library(name: "BacktalkTraining", targets: ["BacktalkTraining"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // The wire protocol, once: request and reply types, their JSON Lines encoding and decoding, the wire
        // names, the socket location rules. No dependencies, so clients link nothing of the daemon's.
        .target(
            name: "BacktalkProtocol",
            swiftSettings: swiftSettings
        ),
        // Knowledge base, text normalisation, classifier and answers: no I/O but reading files.
        .target(
            name: "BacktalkCore",
            dependencies: ["BacktalkProtocol", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // Training and evaluation: fits the models that BacktalkCore serves from, scores them on held-out
        // batches, red flags and cross-validation. `backtalkd train` and `backtalkd eval` use it; BacktalkServer
        // does not depend on it: the daemon trains in a `backtalkd train` child process when it has no model.
        .target(
            name: "BacktalkTraining",
            dependencies: ["BacktalkProtocol", "BacktalkCore"],
            swiftSettings: swiftSettings
        ),
        // The C shim: libsystemd (sd_notify, sd_listen_fds, the journal) and glibc's mallopt; only BacktalkServer imports it.
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"]), .yum(["systemd-devel"])]
        ),
        // The daemon: SwiftNIO on a Unix socket, run as services of a ServiceGroup, systemd-native.
        .target(
            name: "BacktalkServer",
            dependencies: [
                "BacktalkProtocol",
                "BacktalkCore",
                .target(name: "CSystemd", condition: .when(platforms: [.linux])),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // Its pthread-based locks are visible to ThreadSanitizer, unlike Synchronization.Mutex's futexes.
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // A blocking JSON Lines client for the command line and the tests: the protocol and nothing of the
        // classifier or the knowledge loader.
        .target(
            name: "BacktalkClient",
            dependencies: ["BacktalkProtocol"],
            swiftSettings: swiftSettings
        ),
        // The bridges' connection to backtalkd: questions pipelined on one SwiftNIO connection to its socket.
        .target(
            name: "BacktalkDaemonLink",
            dependencies: [
                "BacktalkProtocol",
                "BacktalkClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        // The IRC bridge: SwiftNIO to an IRC server and to backtalkd's socket.
        .target(
            name: "BacktalkIRC",
            dependencies: [
                "BacktalkProtocol",
                "BacktalkClient",
                "BacktalkDaemonLink",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The Matrix bridge: a client-server API bot (AsyncHTTPClient) over backtalkd's socket; replies as
        // m.notice events, who may invite it, which messages are for it (no classifier, no Yams).
        .target(
            name: "BacktalkMatrix",
            dependencies: [
                "BacktalkProtocol",
                "BacktalkClient",
                "BacktalkDaemonLink",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The test kit: the repository's paths, the shipped knowledge base and model loaded once, the real
        // daemon as a process (TestDaemon) and in this process (InProcessDaemon), the real client (ClientRun).
        .target(
            name: "BacktalkTesting",
            dependencies: [
                "BacktalkProtocol",
                "BacktalkCore",
                "BacktalkTraining",
                "BacktalkServer",
                "BacktalkClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "backtalk-irc",
            dependencies: [
                "BacktalkProtocol",
                "BacktalkIRC",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: daemonLinkerSettings
        ),
        .executableTarget(
            name: "backtalk-matrix",
            dependencies: [
                "BacktalkProtocol",
                "BacktalkMatrix",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: daemonLinkerSettings
        ),
        .executableTarget(
            name: "backtalkd",
            dependencies: [
                "BacktalkProtocol",
                "BacktalkCore",
                "BacktalkTraining",
                "BacktalkServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: daemonLinkerSettings
        ),
        .executableTarget(
            name: "backtalk",
            dependencies: [
                "BacktalkProtocol",
                "BacktalkClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BacktalkProtocolTests",
            dependencies: ["BacktalkProtocol"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BacktalkCoreTests",
            dependencies: ["BacktalkProtocol", "BacktalkCore", "BacktalkTraining", "BacktalkTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BacktalkClientTests",
            dependencies: ["BacktalkProtocol", "BacktalkClient"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BacktalkMatrixTests",
            dependencies: [
                "BacktalkProtocol",
                "BacktalkMatrix",
                "BacktalkDaemonLink",
                "BacktalkClient",
                "BacktalkTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BacktalkIRCTests",
            dependencies: ["BacktalkProtocol", "BacktalkIRC", "BacktalkClient"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BacktalkServerTests",
            dependencies: [
                "BacktalkProtocol",
                "BacktalkServer",
                "BacktalkClient",
                "BacktalkIRC",
                "BacktalkTraining",
                "BacktalkTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
