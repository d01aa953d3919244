import Foundation

/// Random valid modules from binaryen's `wasm-opt -ttf` ("translate to fuzz"), which turns
/// arbitrary input bytes into a valid module that exercises every feature enabled.
///
/// A seed gives the same input bytes everywhere (SplitMix64), so a seed names a module for a
/// given binaryen version. The feature set is WebAssembly 2.0 without SIMD and without
/// reference types (binaryen 108's fuzzer emits typed function references, another
/// proposal, once reference types are on).
public struct FuzzModuleGenerator: Sendable {
    /// Why a module could not be generated.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The features passed to `wasm-opt`.
    public static let features = [
        "--mvp-features", "--enable-bulk-memory", "--enable-sign-ext", "--enable-mutable-globals",
        "--enable-nontrapping-float-to-int", "--enable-multivalue",
    ]

    /// The `wasm-opt` executable.
    public let wasmOpt: String
    /// How many random input bytes each module is made from (larger gives larger modules).
    public let inputSize: Int

    /// Uses `wasmOpt`, or the `wasm-opt` found on PATH (Debian's `binaryen`, installed by
    /// `scripts/setup.sh`).
    public init(wasmOpt: String? = nil, inputSize: Int = 4096) throws {
        if let wasmOpt {
            self.wasmOpt = wasmOpt
        } else {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            guard let found = path.split(separator: ":").map({ "\($0)/wasm-opt" })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
            else {
                throw Failure(description: "wasm-opt not found on PATH (install Debian's binaryen: scripts/setup.sh)")
            }
            self.wasmOpt = found
        }
        self.inputSize = inputSize
    }

    /// The module for `seed`.
    public func module(seed: UInt64) throws -> [UInt8] {
        var random = SplitMix64(seed: seed)
        let input = random.bytes(inputSize)
        // A directory of its own per call: generators in concurrent tests may ask for the same seed.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keel-fuzz-\(seed)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputURL = directory.appendingPathComponent("input.dat")
        let outputURL = directory.appendingPathComponent("module.wasm")
        try Data(input).write(to: inputURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wasmOpt)
        process.arguments = Self.features + ["-ttf", inputURL.path, "-o", outputURL.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let bytes = try? Data(contentsOf: outputURL) else {
            throw Failure(description: "wasm-opt -ttf failed for seed \(seed) (status \(process.terminationStatus)): \(message)")
        }
        return [UInt8](bytes)
    }
}
