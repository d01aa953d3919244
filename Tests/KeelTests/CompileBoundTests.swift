import Keel
import KeelTestSupport
import XCTest

/// Compile output stays linear in the module's bytes on the hostile shapes
/// (docs/determinism.md, section 5): each is compiled at 64 KiB under the contract profile,
/// and either it is rejected with a located `.limit` error or the JIT's machine code stays
/// within `machineCodePerByte` bytes per input byte. Both backends accept or reject alike.
final class CompileBoundTests: EveryBackendTestCase {
    /// The bound on machine code per byte of module (bench/RESULTS.md, issue 18), which the
    /// JIT maps its arena for.
    static let machineCodePerByte = 40

    func testHostileShapesCompileWithinTheBoundOrAreRejected() throws {
        var accepted: [Backend: [String]] = [:]
        try onEveryBackend {
            var names: [String] = []
            for (name, bytes) in HostileShapes.all(size: 64 << 10) {
                let engine = try makeEngine(.contract)
                let started = ContinuousClock.now
                defer { print("compile bound: \(name) on \(backend): \(ContinuousClock.now - started)") }
                do {
                    let module = try Module(engine: engine, bytes: bytes)
                    names.append(name)
                    if let code = module.machineCodeBytes {
                        print("compile bound: \(name): \(bytes.count) bytes -> \(code) bytes of machine code")
                        XCTAssertLessThanOrEqual(
                            code, Self.machineCodePerByte * bytes.count,
                            "\(name): \(code) bytes of machine code for \(bytes.count) bytes (\(Double(code) / Double(bytes.count)) per byte)")
                    }
                } catch let error as CompileError {
                    print("compile bound: \(name): rejected: \(error)")
                    XCTAssertEqual(error.kind, .limit, "\(name): \(error)")
                    XCTAssertNotNil(error.offset, "\(name): \(error)")
                }
            }
            accepted[backend] = names
        }
        if let interpreted = accepted[.interpreter], let compiled = accepted[.jit] {
            XCTAssertEqual(interpreted, compiled)
        }
    }
}
