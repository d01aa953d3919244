import Keel
import KeelTestSupport
import XCTest

/// Validation edge cases: each error names what is wrong, the function and the byte offset.
final class ValidatorTests: EveryBackendTestCase {
    func testTypeMismatchNamesFunctionAndOffset() throws {
        try onEveryBackend {
            let error = try XCTUnwrap(compileError("(module (func) (func (result i32) (i64.const 1)))"))
            XCTAssertEqual(error.kind, .invalid)
            XCTAssertEqual(error.functionIndex, 1)
            XCTAssertNotNil(error.offset)
            XCTAssertTrue(error.message.contains("type mismatch"), error.message)
            XCTAssertTrue(error.description.contains("in function 1 at offset 0x"), error.description)
        }
    }

    func testUnknownIndices() throws {
        try onEveryBackend {
            // Binary modules: the text format already rejects most of these before validation.
            let cases: [([UInt8], String)] = [
                ([0x20, 0x00, 0x1A], "unknown local"),
                ([0x0C, 0x01], "unknown label"),
                ([0x10, 0x05], "unknown function"),
                ([0x41, 0x00, 0x28, 0x02, 0x00, 0x1A], "unknown memory"),
                ([0xFC, 0x10, 0x00, 0x1A], "unknown table"),
                ([0x23, 0x00, 0x1A], "unknown global"),
            ]
            for (code, expected) in cases {
                let error = compileError(bytes: singleFunctionModule(code: code))
                XCTAssertEqual(error?.kind, .invalid, expected)
                XCTAssertTrue(error?.message.contains(expected) ?? false, "\(expected): \(error?.description ?? "compiled")")
                XCTAssertEqual(error?.functionIndex, 0)
            }
        }
    }

    func testPolymorphicStackAfterUnreachable() throws {
        try onEveryBackend {
            XCTAssertNil(compileError("(module (func (result i32) (unreachable) (i32.add)))"))
            XCTAssertNil(compileError("(module (func (result f64) (block (result f64) (unreachable) (br_table 0 0 (i32.const 1)))))"))
            XCTAssertNotNil(compileError("(module (func (result i32) (unreachable) (i64.const 0) (i32.add)))"))
        }
    }

    func testSelectRulesAndDeclaredReferences() throws {
        try onEveryBackend {
            XCTAssertNotNil(compileError("(module (func (result funcref) (select (ref.null func) (ref.null func) (i32.const 1))))"))
            XCTAssertNil(compileError("(module (func (result funcref) (select (result funcref) (ref.null func) (ref.null func) (i32.const 1))))"))
            XCTAssertTrue(compileError("(module (func $f) (func (result funcref) (ref.func $f)))")?.message.contains("undeclared function reference") ?? false)
            XCTAssertNil(compileError("(module (func $f) (elem declare func $f) (func (result funcref) (ref.func $f)))"))
        }
    }

    func testConstantExpressions() throws {
        try onEveryBackend {
            XCTAssertTrue(compileError("(module (global i32 (i32.const 0)) (global i32 (global.get 0)))")?.message.contains("unknown global") ?? false)
            XCTAssertNil(compileError("(module (global i32 (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3)))))"))
            XCTAssertNotNil(compileError("(module (global i32 (i64.const 1)))"))
        }
    }

    func testExportNamesCompareByBytes() throws {
        try onEveryBackend {
            // "Å" precomposed and decomposed are canonically equivalent Swift strings but distinct names.
            XCTAssertNil(compileError("(module (func (export \"\\c3\\85\")) (func (export \"A\\cc\\8a\")))"))
            XCTAssertTrue(compileError("(module (func (export \"a\")) (func (export \"a\")))")?.message.contains("duplicate export name") ?? false)
        }
    }

    func testMultipleMemoriesFollowTheConfiguration() throws {
        try onEveryBackend {
            XCTAssertNil(compileError("(module (memory 1) (memory 1))"))
            var configuration = EngineConfiguration()
            configuration.multiMemory = false
            XCTAssertTrue(compileError("(module (memory 1) (memory 1))", configuration: configuration)?.message.contains("multiple memories") ?? false)
        }
    }

    func testUnsupportedProposalsAreNamed() throws {
        try onEveryBackend {
            // A function body with `v128.const` (0xFD 0x0C + 16 bytes): SIMD.
            var body: [UInt8] = [0x00, 0xFD, 0x0C] + Array(repeating: 0, count: 16) + [0x1A, 0x0B]
            body.insert(UInt8(body.count), at: 0)
            let module: [UInt8] = [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, UInt8(body.count + 1), 1] + body
            let error = compileError(bytes: module)
            XCTAssertEqual(error?.kind, .unsupported)
            XCTAssertTrue(error?.message.contains("SIMD") ?? false, error?.description ?? "")
            XCTAssertEqual(error?.functionIndex, 0)
            XCTAssertNotNil(error?.offset)
        }
    }

    func testMalformedBytesNeverCrash() throws {
        try onEveryBackend {
            let valid = singleFunctionModule(params: [0x7F], code: [0x20, 0x00, 0x1A])
            XCTAssertNil(compileError(bytes: valid))
            // Every truncation and every single-byte corruption must fail cleanly or compile
            // (truncations at a section boundary are themselves valid modules).
            for length in 0..<valid.count {
                let error = compileError(bytes: Array(valid[0..<length]))
                if length < 8 || length > valid.count - 3 { XCTAssertNotNil(error, "truncated to \(length)") }
            }
            for position in 8..<valid.count {
                for value: UInt8 in [0x00, 0x7F, 0x80, 0xFF] {
                    var corrupt = valid
                    corrupt[position] = value
                    _ = compileError(bytes: corrupt)
                }
            }
            XCTAssertEqual(compileError(bytes: [0, 0x61, 0x73])?.kind, .malformed)
        }
    }

    func testOverlongPrefixedOpcodeDecodes() throws {
        try onEveryBackend {
            // i32.trunc_sat_f32_s spelled FC 80 00 (a two-byte LEB sub-opcode) is valid WebAssembly.
            let body: [UInt8] = [0x00, 0x43, 0, 0, 0x80, 0x3F, 0xFC, 0x80, 0x00, 0x0B]
            let module: [UInt8] = [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7F, 3, 2, 1, 0,
                                   7, 5, 1, 1, 0x66, 0, 0, 10, UInt8(body.count + 2), 1, UInt8(body.count)] + body
            let engine = try makeEngine()
            let instance = try Linker(engine: engine).instantiate(try Module(engine: engine, bytes: module), in: Store(engine: engine))
            XCTAssertEqual(try call(instance, "f"), [.i32(1)])
        }
    }
}
