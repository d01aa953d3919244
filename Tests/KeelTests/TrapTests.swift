import Keel
import KeelTestSupport
import XCTest

/// Every trap kind, raised by the instruction that defines it, with its stable message.
final class TrapTests: EveryBackendTestCase {
    func testTrapKindsAndMessages() throws {
        try onEveryBackend {
            let instance = try instantiate("""
                (module
                  (memory 1)
                  (table 3 funcref)
                  (type $ii (func (param i32) (result i32)))
                  (func $f (result i32) (i32.const 1))
                  (elem (i32.const 1) $f)
                  (func (export "unreachable") (unreachable))
                  (func (export "div0") (result i32) (i32.div_u (i32.const 1) (i32.const 0)))
                  (func (export "overflow") (result i32) (i32.div_s (i32.const 0x80000000) (i32.const -1)))
                  (func (export "convert") (result i32) (i32.trunc_f32_s (f32.const nan)))
                  (func (export "convert-overflow") (result i32) (i32.trunc_f64_u (f64.const -1)))
                  (func (export "oob") (result i32) (i32.load offset=65533 (i32.const 0)))
                  (func (export "table-oob") (result funcref) (table.get (i32.const 3)))
                  (func (export "undefined") (result i32) (call_indirect (type $ii) (i32.const 0) (i32.const 7)))
                  (func (export "uninitialized") (result i32) (call_indirect (type $ii) (i32.const 0) (i32.const 0)))
                  (func (export "mismatch") (result i32) (call_indirect (type $ii) (i32.const 0) (i32.const 1)))
                  (func $deep (export "deep") (param i32) (result i32) (call $deep (i32.add (local.get 0) (i32.const 1)))))
                """)
            let expected: [(String, TrapKind, String)] = [
                ("unreachable", .unreachable, "unreachable"),
                ("div0", .integerDivideByZero, "integer divide by zero"),
                ("overflow", .integerOverflow, "integer overflow"),
                ("convert", .invalidConversionToInteger, "invalid conversion to integer"),
                ("convert-overflow", .integerOverflow, "integer overflow"),
                ("oob", .outOfBoundsMemoryAccess, "out of bounds memory access"),
                ("table-oob", .outOfBoundsTableAccess, "out of bounds table access"),
                ("undefined", .undefinedElement, "undefined element"),
                ("uninitialized", .uninitializedElement, "uninitialized element"),
                ("mismatch", .indirectCallTypeMismatch, "indirect call type mismatch"),
            ]
            for (name, kind, message) in expected {
                let raised = trap(instance, name)
                XCTAssertEqual(raised?.kind, kind, name)
                XCTAssertEqual(raised?.message, message, name)
            }
            XCTAssertEqual(trap(instance, "deep", .i32(0))?.kind, .callStackExhausted)
        }
    }

    func testStoreIsUsableAfterATrap() throws {
        try onEveryBackend {
            let instance = try instantiate("""
                (module
                  (func $deep (export "deep") (param i32) (result i32) (call $deep (local.get 0)))
                  (func (export "ok") (result i32) (i32.const 5)))
                """)
            XCTAssertEqual(trap(instance, "deep", .i32(0))?.kind, .callStackExhausted)
            XCTAssertEqual(try call(instance, "ok"), [.i32(5)])
            XCTAssertEqual(trap(instance, "deep", .i32(0))?.kind, .callStackExhausted)
        }
    }

    func testCallStackLimitIsConfigurable() throws {
        try onEveryBackend {
            var configuration = EngineConfiguration()
            configuration.stackLimit = 1000
            let engine = try makeEngine(configuration)
            let instance = try instantiate("""
                (module (func $r (export "r") (param i32) (result i32)
                  (if (result i32) (local.get 0)
                    (then (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1)))))
                    (else (i32.const 0)))))
                """, engine: engine)
            XCTAssertEqual(try call(instance, "r", .i32(50)), [.i32(50)])
            XCTAssertEqual(trap(instance, "r", .i32(500))?.kind, .callStackExhausted)
        }
    }

    func testPartialInitializationSurvivesATrappingSegment() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let store = Store(engine: engine)
            let linker = Linker(engine: engine)
            let provider = try instantiate("(module (memory (export \"m\") 1))", engine: engine, linker: linker, store: store)
            linker.define(module: "p", instance: provider)
            let module = try Module(engine: engine, wat: """
                (module (import "p" "m" (memory 1))
                  (data (i32.const 0) "ok")
                  (data (i32.const 65535) "too long"))
                """)
            XCTAssertThrowsError(try linker.instantiate(module, in: store)) { error in
                XCTAssertEqual((error as? Trap)?.kind, .outOfBoundsMemoryAccess)
            }
            XCTAssertEqual(try provider.memory("m")!.read(at: 0, count: 2), Array("ok".utf8))
        }
    }
}
