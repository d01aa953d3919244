import CLibFuzzer
import Keel

/// Engines for the two profiles, made once: decoding and validation must never crash on
/// any bytes, under either profile.
private let engines: [Engine] = {
    var standard = EngineConfiguration.standard
    standard.backend = .interpreter
    var contract = EngineConfiguration.contract
    contract.backend = .interpreter
    return [try! Engine(configuration: standard), try! Engine(configuration: contract)]
}()

/// libFuzzer's entry point: decode and validate `data` as a module. Errors are expected;
/// only a crash (or a sanitizer report) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    for engine in engines {
        _ = try? Module(engine: engine, bytes: bytes)
    }
    return 0
}

/// The process entry point (SwiftPM links `main` to `<module>_main`): libFuzzer's driver
/// over `fuzz`.
@_cdecl("fuzz_decode_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    keel_fuzzer_main(argc, argv) { data, count in fuzz(data!, count) }
}
