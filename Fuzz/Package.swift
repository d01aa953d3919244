// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for Keel (docs in Fuzz/README.md). Built only with
/// `scripts/fuzz.sh`, which passes `-sanitize=fuzzer,address -parse-as-library` to every
/// Swift module, Keel's included, so the whole engine is coverage-instrumented and libFuzzer
/// provides `main`.
let package = Package(
    name: "KeelFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Keel", path: ".."),
    ],
    targets: [
        // The structured generators (valid modules, host-call programs) and the differential
        // oracles shared by the targets.
        .target(
            name: "KeelFuzzSupport",
            dependencies: [
                .product(name: "Keel", package: "Keel"),
                .product(name: "KeelHost", package: "Keel"),
            ]
        ),
        // libFuzzer's driver, called from each target's entry point (see its header).
        .target(name: "CLibFuzzer"),
        .executableTarget(name: "fuzz-decode", dependencies: ["CLibFuzzer", .product(name: "Keel", package: "Keel")]),
        .executableTarget(name: "fuzz-compile", dependencies: ["CLibFuzzer", .product(name: "Keel", package: "Keel")]),
        .executableTarget(name: "fuzz-diff", dependencies: ["CLibFuzzer", "KeelFuzzSupport", .product(name: "Keel", package: "Keel")]),
        .executableTarget(
            name: "fuzz-host",
            dependencies: ["CLibFuzzer", "KeelFuzzSupport", .product(name: "Keel", package: "Keel"), .product(name: "KeelHost", package: "Keel")]
        ),
        .executableTarget(name: "fuzz-node", dependencies: ["CLibFuzzer", .product(name: "KeelNode", package: "Keel")]),
    ]
)
