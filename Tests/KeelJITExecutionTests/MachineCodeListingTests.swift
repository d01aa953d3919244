import Foundation
import Keel
import KeelJIT
import Testing

/// The JIT's real output, read back: the summary counts every defined function and its bytes,
/// and the decoder recognises every instruction the code generator emits (no `.byte`) in the
/// sample contracts and the demo module, with the host's features and without the optional ones.
@Suite struct MachineCodeListingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = ["counter", "token", "multisig", "registry", "relay"].map { "contracts/\($0)/\($0).wasm" }

    @Test(arguments: [nil, CPUFeatures(sse41: false, popcnt: false, lzcnt: false, bmi1: false)])
    func everyFunctionDecodes(features: CPUFeatures?) throws {
        for (k, path) in (Self.samples + ["fixtures/demo/demo.wat"]).enumerated() {
            var configuration = k < Self.samples.count ? EngineConfiguration.contract : .standard
            configuration.backend = .jit
            configuration.jitFeatures = features
            let engine = try Engine(configuration: configuration)
            let url = Self.root.appendingPathComponent(path)
            let module =
                path.hasSuffix(".wat")
                ? try Module(engine: engine, wat: String(contentsOf: url, encoding: .utf8))
                : try Module(engine: engine, bytes: Array(try Data(contentsOf: url)))
            let summary = try #require(module.machineCode)
            let counts = module.functionCounts
            #expect(summary.functions.map(\.index) == Array(counts.imported..<(counts.imported + counts.defined)), "\(path)")
            #expect(summary.totalBytes == module.machineCodeBytes && summary.totalBytes > 0)
            for function in summary.functions {
                let listing = try module.machineCodeListing(function: function.index)
                let unknown = listing.filter { $0.contains(".byte") }
                #expect(unknown.isEmpty, "\(path) function \(function.index): \(unknown.prefix(5))")
                #expect(listing.contains { $0.hasSuffix("  ret") }, "\(path) function \(function.index)")
            }
            #expect(throws: MachineCodeError.outOfRange(counts.imported + counts.defined, functionCount: counts.imported + counts.defined)) {
                try module.machineCodeListing(function: counts.imported + counts.defined)
            }
            if counts.imported > 0 {
                #expect(throws: MachineCodeError.imported(0, importedCount: counts.imported)) { try module.machineCodeListing(function: 0) }
            }
        }
    }

    @Test func theInterpreterHasNoMachineCode() throws {
        var configuration = EngineConfiguration()
        configuration.backend = .interpreter
        let module = try Module(engine: try Engine(configuration: configuration), wat: "(module (func))")
        #expect(module.machineCode == nil)
        #expect(throws: MachineCodeError.notCompiled(backend: "interp")) { try module.machineCodeListing(function: 0) }
    }
}
