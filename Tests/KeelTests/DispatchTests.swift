import Keel
import KeelTestSupport
import XCTest

/// The interpreter's handlers continue by tail calls. If one stopped compiling to a jump, each
/// executed instruction would take native stack and these long runs would overflow it.
final class DispatchTests: EveryBackendTestCase {
    func testLongRunsOfEveryInstructionFamilyUseConstantNativeStack() throws {
        try onEveryBackend {
            let instance = try instantiate("""
                (module
                  (memory 1)
                  (global $g (mut i64) (i64.const 0))
                  (table 2 funcref)
                  (type $t (func (param i32) (result i32)))
                  (func $inc (type $t) (i32.add (local.get 0) (i32.const 1)))
                  (func $dec (type $t) (i32.sub (local.get 0) (i32.const 1)))
                  (elem (i32.const 0) $inc $dec)
                  (func (export "spin") (param $n i32) (result i64) (local $i i32) (local $x i32) (local $f f64)
                    (loop $top
                      (i32.store8 (i32.and (local.get $i) (i32.const 1023)) (local.get $i))
                      (i32.store16 offset=2048 (i32.const 0) (local.get $i))
                      (i64.store offset=4096 (i32.const 0) (i64.extend_i32_u (local.get $i)))
                      (local.set $x (i32.add (local.get $x) (i32.load8_u (i32.and (local.get $i) (i32.const 1023)))))
                      (local.set $x (i32.xor (local.get $x) (i32.load16_s offset=2048 (i32.const 0))))
                      (local.set $x (call $inc (local.get $x)))
                      (local.set $x (call_indirect (type $t) (local.get $x) (i32.and (local.get $i) (i32.const 1))))
                      (local.set $f (f64.add (local.get $f) (f64.convert_i32_s (local.get $x))))
                      (global.set $g (i64.add (global.get $g) (i64.trunc_sat_f64_s (f64.div (local.get $f) (f64.const 1e9)))))
                      (global.set $g (i64.add (global.get $g) (i64.mul (i64.load offset=4096 (i32.const 0)) (i64.const 0x100000001))))
                      (block $b (block $a (br_table $a $b (i32.and (local.get $i) (i32.const 1))))
                        (local.set $x (select (local.get $x) (i32.const 0) (i32.rem_u (local.get $i) (i32.const 3)))))
                      (local.set $x (i32.add (local.get $x) (memory.size)))
                      (br_if $top (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                    (i64.add (global.get $g) (i64.extend_i32_u (local.get $x)))))
                """)
            // About 40 instructions per iteration: 1.2 million iterations run ~50 million handlers.
            let result = try call(instance, "spin", .i32(1_200_000))
            XCTAssertEqual(result.count, 1)
            XCTAssertEqual(result.first?.type, .i64)
        }
    }

    func testDeepRecursionTrapsInsteadOfOverflowingTheNativeStack() throws {
        try onEveryBackend {
            let instance = try instantiate("""
                (module (func $f (export "f") (param i64) (result i64)
                  (i64.add (call $f (i64.add (local.get 0) (i64.const 1))) (i64.const 1))))
                """)
            XCTAssertEqual(trap(instance, "f", .i64(0))?.kind, .callStackExhausted)
        }
    }
}
