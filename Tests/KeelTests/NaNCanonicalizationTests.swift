import Keel
import KeelTestSupport
import XCTest

/// NaN canonicalization (docs/determinism.md): arithmetic results that are NaN become the
/// canonical positive NaN; bitwise operations, loads, stores, constants and reinterpretations
/// keep every bit. NaNs of both signs, quiet and signaling, with payloads, go through each family.
final class NaNCanonicalizationTests: EveryBackendTestCase {
    static let nan32: [UInt32] = [0x7FC0_0000, 0xFFC0_0000, 0x7FA0_0001, 0x7F80_0001, 0xFF80_1234, 0xFFFF_FFFF]
    static let nan64: [UInt64] = [0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000, 0x7FF4_0000_0000_0001, 0x7FF0_0000_0000_0001, 0xFFF0_0000_0001_2345]
    static let canonical32: UInt32 = 0x7FC0_0000
    static let canonical64: UInt64 = 0x7FF8_0000_0000_0000

    func instance(canonicalize: Bool) throws -> Instance {
        var configuration = EngineConfiguration()
        configuration.canonicalizeNaN = canonicalize
        var functions = ""
        for op in ["add", "sub", "mul", "div", "min", "max", "copysign"] {
            for (t, i) in [("f32", "i32"), ("f64", "i64")] {
                functions += """
                    (func (export "\(t).\(op)") (param \(i) \(i)) (result \(i))
                      (\(i).reinterpret_\(t) (\(t).\(op) (\(t).reinterpret_\(i) (local.get 0)) (\(t).reinterpret_\(i) (local.get 1)))))

                    """
            }
        }
        for op in ["sqrt", "ceil", "floor", "trunc", "nearest", "abs", "neg"] {
            for (t, i) in [("f32", "i32"), ("f64", "i64")] {
                functions += """
                    (func (export "\(t).\(op)") (param \(i)) (result \(i)) (\(i).reinterpret_\(t) (\(t).\(op) (\(t).reinterpret_\(i) (local.get 0)))))

                    """
            }
        }
        functions += """
            (func (export "promote") (param i32) (result i64) (i64.reinterpret_f64 (f64.promote_f32 (f32.reinterpret_i32 (local.get 0)))))
            (func (export "demote") (param i64) (result i32) (i32.reinterpret_f32 (f32.demote_f64 (f64.reinterpret_i64 (local.get 0)))))
            (func (export "store-load") (param i32) (result i32)
              (f32.store (i32.const 0) (f32.reinterpret_i32 (local.get 0)))
              (i32.reinterpret_f32 (f32.load (i32.const 0))))
            (func (export "const") (result i32) (i32.reinterpret_f32 (f32.const -nan:0x123)))
            (func (export "local") (param i32) (result i32) (local f32)
              (local.set 1 (f32.reinterpret_i32 (local.get 0))) (i32.reinterpret_f32 (local.get 1)))
            """
        return try instantiate("(module (memory 1) \(functions))", engine: try makeEngine(configuration))
    }

    func testArithmeticFamiliesYieldTheCanonicalNaN() throws {
        try onEveryBackend {
            let canonical = try instance(canonicalize: true)
            for op in ["add", "sub", "mul", "div", "min", "max"] {
                for nan in Self.nan32 {
                    for (a, b) in [(nan, 0x3F80_0000), (0x3F80_0000, nan)] as [(UInt32, UInt32)] {
                        XCTAssertEqual(try call(canonical, "f32.\(op)", .i32(a), .i32(b)), [.i32(Self.canonical32)], "f32.\(op) \(a) \(b)")
                    }
                }
                for nan in Self.nan64 {
                    XCTAssertEqual(try call(canonical, "f64.\(op)", .i64(nan), .i64(0x3FF0_0000_0000_0000)), [.i64(Self.canonical64)], "f64.\(op)")
                    XCTAssertEqual(try call(canonical, "f64.\(op)", .i64(0x3FF0_0000_0000_0000), .i64(nan)), [.i64(Self.canonical64)], "f64.\(op)")
                }
            }
            // 0/0, inf-inf and sqrt(-1) produce NaN from non-NaN operands (x86's default NaN is negative).
            XCTAssertEqual(try call(canonical, "f32.div", .i32(0), .i32(0)), [.i32(Self.canonical32)])
            XCTAssertEqual(try call(canonical, "f64.sub", .i64(0x7FF0_0000_0000_0000), .i64(0x7FF0_0000_0000_0000)), [.i64(Self.canonical64)])
            XCTAssertEqual(try call(canonical, "f32.sqrt", .i32(0xBF80_0000)), [.i32(Self.canonical32)])
            for op in ["sqrt", "ceil", "floor", "trunc", "nearest"] {
                for nan in Self.nan32 {
                    XCTAssertEqual(try call(canonical, "f32.\(op)", .i32(nan)), [.i32(Self.canonical32)], "f32.\(op)")
                }
                for nan in Self.nan64 {
                    XCTAssertEqual(try call(canonical, "f64.\(op)", .i64(nan)), [.i64(Self.canonical64)], "f64.\(op)")
                }
            }
            for nan in Self.nan32 {
                XCTAssertEqual(try call(canonical, "promote", .i32(nan)), [.i64(Self.canonical64)], "promote")
            }
            for nan in Self.nan64 {
                XCTAssertEqual(try call(canonical, "demote", .i64(nan)), [.i32(Self.canonical32)], "demote")
            }
            // Non-NaN results are untouched.
            XCTAssertEqual(try call(canonical, "f32.add", .i32(0x3F80_0000), .i32(0x3F80_0000)), [.i32(0x4000_0000)])
        }
    }

    func testBitwiseOperationsLoadsStoresAndConstantsKeepBits() throws {
        try onEveryBackend {
            for canonicalize in [true, false] {
                let module = try instance(canonicalize: canonicalize)
                for nan in Self.nan32 {
                    XCTAssertEqual(try call(module, "f32.abs", .i32(nan)), [.i32(nan & 0x7FFF_FFFF)])
                    XCTAssertEqual(try call(module, "f32.neg", .i32(nan)), [.i32(nan ^ 0x8000_0000)])
                    XCTAssertEqual(try call(module, "f32.copysign", .i32(nan), .i32(0xBF80_0000)), [.i32(nan | 0x8000_0000)])
                    XCTAssertEqual(try call(module, "store-load", .i32(nan)), [.i32(nan)])
                    XCTAssertEqual(try call(module, "local", .i32(nan)), [.i32(nan)])
                }
                for nan in Self.nan64 {
                    XCTAssertEqual(try call(module, "f64.abs", .i64(nan)), [.i64(nan & 0x7FFF_FFFF_FFFF_FFFF)])
                    XCTAssertEqual(try call(module, "f64.neg", .i64(nan)), [.i64(nan ^ 0x8000_0000_0000_0000)])
                }
                // `-nan:0x123` is that exact payload: a signaling NaN, kept as it is.
                XCTAssertEqual(try call(module, "const"), [.i32(0xFF80_0123)])
            }
        }
    }

    func testWithoutCanonicalizationResultsAreArithmeticNaNs() throws {
        try onEveryBackend {
            let plain = try instance(canonicalize: false)
            for nan in Self.nan32 {
                guard case .i32(let bits) = try call(plain, "f32.add", .i32(nan), .i32(0x3F80_0000)).first else { return XCTFail() }
                XCTAssertTrue(Float(bitPattern: bits).isNaN)
                XCTAssertNotEqual(bits & 0x0040_0000, 0, "an arithmetic NaN has its quiet bit set")
            }
        }
    }

    /// The front-end's elision (`NaNElision`): a NaN-producing result skips canonicalization
    /// only when its sole consumer is a NaN-transparent instruction in the same straight-line
    /// region; a `local.tee` (the raw bits would reach a local) or a call in between keeps it.
    func testOnlyResultsConsumedByTransparentInstructionsSkipCanonicalization() throws {
        try onEveryBackend {
            let wat = """
                (module
                  (func $c (result f64) (f64.const 1))
                  (func (export "direct") (param f64 f64 f64) (result f64)
                    (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
                  (func (export "tee") (param f64 f64 f64) (result f64) (local f64)
                    (f64.add (local.tee 3 (f64.mul (local.get 0) (local.get 1))) (local.get 2)))
                  (func (export "call") (param f64 f64) (result f64)
                    (f64.add (f64.mul (local.get 0) (local.get 1)) (call $c))))
                """
            let functions = try interpreterDisassembly(wat, .contract)
                .joined(separator: "\n").components(separatedBy: "function ").filter { !$0.isEmpty }
            XCTAssertEqual(functions.count, 4)
            XCTAssertFalse(functions[1].contains("f64MulCanonical"), functions[1])
            XCTAssertTrue(functions[1].contains("f64AddCanonical"), functions[1])
            XCTAssertTrue(functions[2].contains("f64MulCanonical"), functions[2])
            XCTAssertTrue(functions[3].contains("f64MulCanonical"), functions[3])
        }
    }
}
