import CLibFuzzer
import Foundation
import KeelFuzzSupport

/// The program generator (the contract lives at `HostDifferential.contract`).
private let generator = HostDifferential.generator
private let differential = HostDifferential()

/// `-self_check=N` (or `KEEL_FUZZ_SELF_CHECK=N`): generate N contracts, print how many
/// compile and whether any run disagrees, and exit (0 when all compile and none disagrees).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let arguments = (0..<Int(argc.pointee)).compactMap { argv.pointee?[$0].map { String(cString: $0) } }
    let flag = arguments.first { $0.hasPrefix("-self_check=") }.map { String($0.dropFirst("-self_check=".count)) }
    if let count = (flag ?? ProcessInfo.processInfo.environment["KEEL_FUZZ_SELF_CHECK"]).flatMap({ Int($0) }) {
        exit(SelfCheck.runHost(count: count) ? 0 : 1)
    }
    return 0
}

/// libFuzzer's entry point: the first byte sizes the call's input (taken from the end of
/// the data), the rest describes a contract making random `keel_v1` calls; both backends
/// must produce the same outcome, and nothing may crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let inputLength = min(Int(bytes.first ?? 0) % 64, max(0, bytes.count - 1))
    let program = Array(bytes.dropFirst().dropLast(inputLength))
    let code = generator.generate(program)
    if let difference = differential.difference(code: code, input: Array(bytes.suffix(inputLength))) {
        fatalError("fuzz-host: interpreter and JIT disagree: \(difference)\ncontract: \(code.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())")
    }
    return 0
}

/// The process entry point (SwiftPM links `main` to `<module>_main`): libFuzzer's driver
/// over `fuzz`.
@_cdecl("fuzz_host_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    keel_fuzzer_main(argc, argv) { data, count in fuzz(data!, count) }
}
