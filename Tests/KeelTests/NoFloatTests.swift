import Keel
import KeelTestSupport
import XCTest

/// No-float mode rejects every place a float can hide, naming it.
final class NoFloatTests: EveryBackendTestCase {
    var noFloat: EngineConfiguration {
        var configuration = EngineConfiguration.contract
        configuration.allowFloats = false
        return configuration
    }

    func rejection(_ wat: String) -> CompileError? {
        compileError(wat, configuration: noFloat)
    }

    func testModuleLevelPlaces() throws {
        try onEveryBackend {
            let cases: [(String, String)] = [
                ("(module (type (func (param f32))))", "type 0"),
                ("(module (func (result f64) (unreachable)))", "type 0"),
                ("(module (import \"env\" \"f\" (func (param f64))))", "import \"env\".\"f\""),
                ("(module (import \"env\" \"g\" (global f32)))", "import \"env\".\"g\""),
                ("(module (global (mut f64) (f64.const 0)))", "global 0"),
                ("(module (global $g f32 (f32.const 1)) (export \"g\" (global $g)))", "global 0"),
            ]
            for (wat, place) in cases {
                let error = rejection(wat)
                XCTAssertEqual(error?.kind, .profile, wat)
                XCTAssertTrue(error?.message.contains(place) ?? false, "\(wat): \(error?.description ?? "accepted")")
            }
        }
    }

    func testFunctionLevelPlacesNameFunctionOffsetAndInstruction() throws {
        try onEveryBackend {
            let cases: [(String, String)] = [
                ("(func (local f32))", "local 0 has type f32"),
                ("(func (param i32) (local i64 f64))", "local 2 has type f64"),
                ("(func (drop (f32.const 1)))", "f32.const"),
                ("(func (drop (f64.const 1)))", "f64.const"),
                ("(func (unreachable) (f32.add) (drop))", "f32.add"),
                ("(func (unreachable) (f64.lt) (drop))", "f64.lt"),
                ("(func (unreachable) (f64.neg) (drop))", "f64.neg"),
                ("(func (drop (f32.convert_i32_s (i32.const 1))))", "f32.convert_i32_s"),
                ("(func (drop (f32.reinterpret_i32 (i32.const 1))))", "f32.reinterpret_i32"),
                ("(func (unreachable) (i32.trunc_f32_s) (drop))", "i32.trunc_f32_s"),
                ("(func (unreachable) (i64.reinterpret_f64) (drop))", "i64.reinterpret_f64"),
                ("(memory 1) (func (drop (f32.load (i32.const 0))))", "f32.load"),
                ("(memory 1) (func (unreachable) (f64.store))", "f64.store"),
                ("(func (unreachable) (select (result f32)) (drop))", "select (result f32)"),
                ("(func (block (result f32) (unreachable)) (drop))", "block () -> (f32)"),
                ("(func (loop (result f64) (unreachable)) (drop))", "loop () -> (f64)"),
                ("(func (if (result f32) (i32.const 1) (then (unreachable)) (else (unreachable))) (drop))", "if () -> (f32)"),
            ]
            for (body, place) in cases {
                let wat = "(module (func) \(body))"
                let error = rejection(wat)
                XCTAssertEqual(error?.kind, .profile, body)
                XCTAssertEqual(error?.functionIndex, 1, body)
                XCTAssertNotNil(error?.offset, body)
                XCTAssertTrue(error?.message.contains(place) ?? false, "\(body): \(error?.description ?? "accepted")")
            }
        }
    }

    /// A block whose type index names no type is not taken for a float block: validation
    /// reports the unknown type, as it does with floats allowed (the no-float check reads
    /// block signatures from the module's types itself).
    func testUnknownBlockTypeIndexIsInvalidNotProfile() throws {
        // (func (block (type 5)) ...): `block`, s33 type index 5, `end`.
        let bytes = singleFunctionModule(code: [0x02, 0x05, 0x0B])
        try onEveryBackend {
            for configuration in [noFloat, EngineConfiguration.contract] {
                var configuration = configuration
                configuration.backend = backend
                do {
                    _ = try Module(engine: try Engine(configuration: configuration), bytes: bytes)
                    XCTFail("a block of unknown type 5 was accepted")
                } catch let error as CompileError {
                    XCTAssertEqual(error.kind, .invalid, error.description)
                    XCTAssertTrue(error.message.contains("unknown type 5"), error.description)
                }
            }
        }
    }

    func testIntegerModulesStillCompileAndFloatsAreAllowedByDefault() throws {
        try onEveryBackend {
            XCTAssertNil(rejection("(module (memory 1) (func (export \"f\") (param i64) (result i64) (i64.mul (local.get 0) (i64.load (i32.const 0)))))"))
            XCTAssertNil(compileError("(module (func (result f32) (f32.const 1)))", configuration: .contract))
        }
    }
}
