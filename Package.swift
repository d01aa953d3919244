// swift-tools-version:6.1
import PackageDescription

/// The interpreter is always optimized: its handlers continue by tail calls, which only
/// optimized builds turn into jumps (unoptimized code stays correct, with deeper native stacks).
let engineSettings: [SwiftSetting] = [
    .unsafeFlags(["-O", "-enforce-exclusivity=unchecked", "-Xfrontend", "-disable-llvm-merge-functions-pass"]),
]

let package = Package(
    name: "Keel",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Keel", targets: ["Keel"]),
        .library(name: "KeelWAST", targets: ["KeelWAST"]),
        .library(name: "KeelHost", targets: ["KeelHost"]),
        .library(name: "KeelNode", targets: ["KeelNode"]),
        .executable(name: "keel", targets: ["KeelCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        // Front-end: decoding (WasmKit's WasmParser), validation, translation protocol.
        .target(
            name: "KeelFrontEnd",
            dependencies: [.product(name: "WasmParser", package: "WasmKit")]
        ),
        // Runtime shared by every backend: traps, fuel and stack accounts, memories, tables,
        // globals, bulk operations and the numeric reference semantics. Optimized like the
        // interpreter: backends call its operations from their hot paths.
        .target(
            name: "KeelRuntime",
            dependencies: ["KeelFrontEnd"],
            swiftSettings: engineSettings
        ),
        // Backend: the portable interpreter.
        .target(
            name: "KeelInterpreter",
            dependencies: ["KeelFrontEnd", "KeelRuntime"],
            swiftSettings: engineSettings
        ),
        // Embedding API: Engine, Module, Store, Linker, Instance; chooses the backend.
        .target(
            name: "Keel",
            dependencies: ["KeelFrontEnd", "KeelRuntime", "KeelInterpreter", "KeelJIT", .product(name: "WAT", package: "WasmKit")]
        ),
        // `.wast` script runner with the `spectest` host module.
        .target(
            name: "KeelWAST",
            dependencies: [
                "Keel",
                .product(name: "WAT", package: "WasmKit"),
                .product(name: "WasmParser", package: "WasmKit"),
            ]
        ),
        .executableTarget(
            name: "KeelCLI",
            dependencies: [
                "Keel", "KeelWAST", "KeelHost", "KeelState", "KeelNode", "KeelStateTree", "KeelCrypto",
                .product(name: "WAT", package: "WasmKit"), .product(name: "WasmParser", package: "WasmKit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Host environment, state layer: LevelDB (system library) and the in-memory store,
        // the transactional overlay and per-contract key namespacing.
        .systemLibrary(
            name: "CLevelDB",
            path: "Sources/CLevelDB",
            providers: [.apt(["libleveldb-dev"])]
        ),
        // Backend: the x86-64 JIT (encoder, macro-assembler, code memory, traps, code generator).
        .target(name: "KeelJIT", dependencies: ["KeelFrontEnd", "KeelRuntime"], swiftSettings: engineSettings),
        // Child process for the JIT trap-handler tests: a fault outside JIT code must kill it.
        .executableTarget(name: "KeelJITFaultProbe", dependencies: ["KeelJIT"]),
        // Encoder throughput and host → JIT → host round trip, release builds only.
        .executableTarget(name: "KeelJITBench", dependencies: ["KeelJIT"]),
        // In-process compile time of one module (bench/compile/throughput.py), release builds only.
        .executableTarget(name: "KeelCompileBench", dependencies: ["Keel"]),
        .target(name: "KeelState", dependencies: ["CLevelDB"]),
        // Host environment, crypto layer: libsecp256k1 (system library), swift-crypto, Keccak-256.
        .systemLibrary(
            name: "CSecp256k1",
            path: "Sources/CSecp256k1",
            providers: [.apt(["libsecp256k1-dev"])]
        ),
        .target(
            name: "KeelCrypto",
            dependencies: ["CSecp256k1", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Host environment: the contract ABI (module `keel_v1`) over state and crypto.
        .target(name: "KeelHost", dependencies: ["Keel", "KeelState", "KeelCrypto"]),
        // Node library: accounts, signed transactions, admission, execution with fees, receipts,
        // blocks, genesis and the chain store (docs/node.md).
        .target(name: "KeelNode", dependencies: ["KeelHost", "Keel", "KeelState", "KeelCrypto", "KeelStateTree"]),
        // Produces blocks until killed: the kill-at-any-point test's child process.
        .executableTarget(name: "KeelNodeCrashProbe", dependencies: ["KeelNode", "KeelState"]),
        // Writes the recorded chain fixtures/chains/dev.keelchain (deterministic; fixtures/chains/README.md).
        .executableTarget(name: "KeelChainGen", dependencies: ["KeelNode", "KeelState", "KeelCrypto"]),
        // Differential testing: random modules (binaryen's wasm-opt -ttf) run on two
        // configurations, every observable compared.
        .target(name: "KeelDifferential", dependencies: ["Keel"]),
        .executableTarget(name: "KeelDiff", dependencies: ["KeelDifferential", "Keel"]),
        // Node layer: the authenticated state tree (a 16-ary sparse Merkle tree, docs/state-tree.md).
        .target(
            name: "KeelStateTree",
            dependencies: ["KeelState", "KeelCrypto", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Host-call overhead benchmark (bench/host/run.sh), release builds only.
        .executableTarget(name: "KeelHostBench", dependencies: ["KeelHost", "CSecp256k1"]),
        // State-tree update and proof benchmark (bench/tree/run.sh), release builds only.
        .executableTarget(name: "KeelTreeBench", dependencies: ["KeelStateTree", "KeelState", "KeelCrypto"]),
        // Node throughput benchmark (bench/node/run.sh), release builds only.
        .executableTarget(name: "KeelNodeBench", dependencies: ["KeelNode", "KeelHost", "Keel", "KeelState", "KeelCrypto"]),
        // Test support: XCTest cases whose every test runs once per available backend.
        .target(name: "KeelTestSupport", dependencies: ["Keel"], path: "Tests/KeelTestSupport"),
        .testTarget(name: "KeelTests", dependencies: ["Keel", "KeelFrontEnd", "KeelRuntime", "KeelInterpreter", "KeelTestSupport"]),
        .testTarget(name: "KeelRuntimeTests", dependencies: ["KeelRuntime", "KeelFrontEnd"]),
        .testTarget(name: "KeelDifferentialTests", dependencies: ["KeelDifferential", "Keel"]),
        .testTarget(name: "KeelWASTTests", dependencies: ["KeelWAST", "KeelTestSupport", "KeelFrontEnd", "KeelDifferential", .product(name: "WasmParser", package: "WasmKit")]),
        .testTarget(name: "KeelJITTests", dependencies: ["KeelJIT", "KeelJITFaultProbe", "KeelDifferential"]),
        .testTarget(name: "KeelJITExecutionTests", dependencies: ["Keel", "KeelFrontEnd", "KeelJIT", .product(name: "WAT", package: "WasmKit")]),
        .testTarget(name: "KeelCLITests", dependencies: ["Keel", "KeelNode", "KeelState", "KeelTestSupport"]),
        .testTarget(name: "KeelStateTests", dependencies: ["KeelState"]),
        .testTarget(name: "KeelCryptoTests", dependencies: ["KeelCrypto"]),
        .testTarget(name: "KeelStateTreeTests", dependencies: ["KeelStateTree", "KeelState", "KeelCrypto"]),
        .testTarget(name: "KeelHostTests", dependencies: ["KeelHost", "Keel", "KeelState", "KeelCrypto"]),
        .testTarget(
            name: "KeelNodeTests",
            dependencies: ["KeelNode", "KeelHost", "Keel", "KeelState", "KeelCrypto", "KeelStateTree", "KeelNodeCrashProbe", "KeelChainGen"]),
    ]
)
