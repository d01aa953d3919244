import CLibFuzzer
import Keel

/// Pairs of engines (interpreter, JIT) for the standard and the contract profile.
private let enginePairs: [(profile: String, interpreter: Engine, jit: Engine)] = [
    ("standard", EngineConfiguration.standard), ("contract", EngineConfiguration.contract),
].map { profile, configuration in
    var interpreter = configuration, jit = configuration
    interpreter.backend = .interpreter
    jit.backend = .jit
    return (profile, try! Engine(configuration: interpreter), try! Engine(configuration: jit))
}

/// The error kind of compiling `bytes` on `engine`, or nil when it compiles.
private func rejection(_ bytes: [UInt8], on engine: Engine) -> CompileError.Kind? {
    do {
        _ = try Module(engine: engine, bytes: bytes)
        return nil
    } catch {
        return error.kind
    }
}

/// libFuzzer's entry point: both backends must accept the same bytes, or reject them with
/// the same kind of error (consensus depends on every node agreeing on what deploys).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    for pair in enginePairs {
        let interpreted = rejection(bytes, on: pair.interpreter), compiled = rejection(bytes, on: pair.jit)
        if interpreted != compiled {
            let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            fatalError("fuzz-compile: \(pair.profile) profile: interpreter \(interpreted.map { "rejects (\($0))" } ?? "accepts"), jit \(compiled.map { "rejects (\($0))" } ?? "accepts") the \(bytes.count) bytes \(hex)")
        }
    }
    return 0
}

/// The process entry point (SwiftPM links `main` to `<module>_main`): libFuzzer's driver
/// over `fuzz`.
@_cdecl("fuzz_compile_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    keel_fuzzer_main(argc, argv) { data, count in fuzz(data!, count) }
}
