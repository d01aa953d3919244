import CLibFuzzer
import Foundation
import Keel
import KeelFuzzSupport

/// The structured generator (default sizes; `KEEL_FUZZ_NO_FUNCTION_BR_IF=1` steers clear of
/// the open interpreter bug of Fuzz/regressions/fuzz-diff/interpreter-br-if-then-local-set).
private let generator: ModuleGenerator = {
    var options = GeneratorOptions()
    options.conditionalBranchToFunction = ProcessInfo.processInfo.environment["KEEL_FUZZ_NO_FUNCTION_BR_IF"] != "1"
    return ModuleGenerator(options: options)
}()

/// The value of `-NAME=VALUE` among `arguments`, else of the environment variable `variable`.
private func option(_ name: String, _ variable: String, in arguments: [String]) -> String? {
    let prefix = "-\(name)="
    return arguments.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        ?? ProcessInfo.processInfo.environment[variable]
}

/// Modes that run instead of fuzzing, before libFuzzer starts:
/// - `-self_check=N` (or `KEEL_FUZZ_SELF_CHECK=N`): generate N modules, print how many
///   compile and whether any run disagrees; exit 0 when at least 95% compile and none disagrees;
/// - `-emit_modules=DIR` (or `KEEL_FUZZ_EMIT_MODULES=DIR`): write 200 generated modules to DIR
///   (seeds for fuzz-decode and fuzz-compile).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let arguments = (0..<Int(argc.pointee)).compactMap { argv.pointee?[$0].map { String(cString: $0) } }
    if let count = option("self_check", "KEEL_FUZZ_SELF_CHECK", in: arguments).flatMap({ Int($0) }) {
        exit(SelfCheck.run(count: count, generator: generator) ? 0 : 1)
    }
    if let directory = option("emit_modules", "KEEL_FUZZ_EMIT_MODULES", in: arguments) {
        exit(SelfCheck.emitModules(count: 200, to: directory, generator: generator) ? 0 : 1)
    }
    return 0
}

/// libFuzzer's entry point: the first bytes choose the configuration, the rest a valid
/// module; the interpreter and the JIT must observe exactly the same execution.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let setup = DifferentialSetup(bytes)
    let module = generator.generate(Array(bytes.dropFirst(DifferentialSetup.headerSize)))
    if let (difference, interpreted, compiled) = setup.difference(running: module) {
        fatalError("fuzz-diff: interpreter and JIT disagree (\(setup)): \(difference)\ninterpreter: \(interpreted)\njit: \(compiled)\n\(module)")
    }
    return 0
}

/// The process entry point (SwiftPM links `main` to `<module>_main`): libFuzzer's driver
/// over `fuzz`.
@_cdecl("fuzz_diff_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    keel_fuzzer_main(argc, argv) { data, count in fuzz(data!, count) }
}
