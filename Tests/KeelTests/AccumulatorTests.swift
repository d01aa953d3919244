import Keel
import KeelTestSupport
import XCTest

/// Regression tests for the interpreter's accumulator registers (a result passed straight to
/// the next handler, which reads it from a register; a temporary only the next instruction
/// consumes is not written to its slot at all), scaled addresses, immediate stores at
/// `slot + constant`, calls within a module and callee-zeroed locals. Each case runs on the
/// standard engine and on the metering one, whose block charges turn some accumulator reads
/// back into slot reads.
final class AccumulatorTests: EveryBackendTestCase {

    /// The disassembly shows results kept in the accumulator: the multiply's temporary is only
    /// passed on (`Tmp`), the add reads it from the register.
    func testTemporaryConsumedByTheNextInstructionStaysInTheRegister() throws {
        try onEveryBackend {
            let wat = """
                (module (func (export "f") (param i32 i32 i32) (result i32)
                  (i32.add (i32.mul (local.get 0) (local.get 1)) (local.get 2))))
                """
            let lines = try interpreterDisassembly(wat).joined(separator: "\n")
            XCTAssertTrue(lines.contains("i32MulTmp"), lines)
            XCTAssertTrue(lines.contains("i32AddAccB"), lines)
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "f", .i32(6), .i32(7), .i32(8)), [.i32(50)])
            }
        }
    }

    /// Chains of every operand position: left, right, both from the same producer, an
    /// immediate form, a unary operation, a comparison fused into a branch, i64 and f64.
    func testChainsProduceTheSameValuesAsSlots() throws {
        try onEveryBackend {
            let wat = """
                (module
                  (func (export "left") (param i32 i32) (result i32)
                    (i32.sub (i32.xor (local.get 0) (local.get 1)) (local.get 1)))
                  (func (export "right") (param i32 i32) (result i32)
                    (i32.sub (local.get 1) (i32.xor (local.get 0) (local.get 1))))
                  (func (export "square") (param i32) (result i32) (local i32)
                    (local.set 1 (i32.add (local.get 0) (i32.const 3)))
                    (i32.mul (local.get 1) (local.get 1)))
                  (func (export "unary") (param i64) (result i64)
                    (i64.extend_i32_u (i32.wrap_i64 (i64.rotl (local.get 0) (i64.const 8)))))
                  (func (export "branch") (param i32 i32) (result i32)
                    (block (br_if 0 (i32.lt_u (i32.add (local.get 0) (i32.const 1)) (local.get 1)))
                      (return (i32.const 10)))
                    (i32.const 20))
                  (func (export "eqz") (param i32) (result i32)
                    (if (result i32) (i32.eqz (i32.and (local.get 0) (i32.const 1)))
                      (then (i32.const 2)) (else (i32.const 3))))
                  (func (export "float") (param f64 f64) (result f64)
                    (f64.mul (f64.add (local.get 0) (local.get 1)) (f64.sub (local.get 0) (local.get 1))))
                  (func (export "wide") (param i64) (result i64)
                    (i64.add (i64.mul (local.get 0) (i64.const 0x1_0000_0001)) (i64.const 5))))
                """
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "left", .i32(12), .i32(10)), [.i32((12 ^ 10) &- 10)])
                XCTAssertEqual(try call(instance, "right", .i32(12), .i32(10)), [.i32(10 &- (12 ^ 10))])
                XCTAssertEqual(try call(instance, "square", .i32(4)), [.i32(49)])
                XCTAssertEqual(try call(instance, "unary", .i64(0x1122_3344_5566_7788)), [.i64(0x6677_8811)])
                XCTAssertEqual(try call(instance, "branch", .i32(1), .i32(3)), [.i32(20)])
                XCTAssertEqual(try call(instance, "branch", .i32(2), .i32(3)), [.i32(10)])
                XCTAssertEqual(try call(instance, "eqz", .i32(4)), [.i32(2)])
                XCTAssertEqual(try call(instance, "eqz", .i32(5)), [.i32(3)])
                XCTAssertEqual(try call(instance, "float", .f64((5.0).bitPattern), .f64((3.0).bitPattern)), [.f64((16.0).bitPattern)])
                XCTAssertEqual(try call(instance, "wide", .i64(3)), [.i64(3 &* 0x1_0000_0001 &+ 5)])
            }
        }
    }

    /// In the contract profile a NaN result passed in `facc` is the canonical one, as in its
    /// slot: `f64.neg` (which keeps NaN bits) then stores or returns its sign-flipped form.
    /// (x86's own NaN from `sqrt(-1)` is negative: passing it raw would give +NaN.)
    func testCanonicalNaNIsWhatThePassedValueHolds() throws {
        try onEveryBackend {
            let wat = """
                (module (memory 1)
                  (func (export "neg") (param f64) (result i64)
                    (i64.reinterpret_f64 (f64.neg (f64.sqrt (local.get 0)))))
                  (func (export "store") (param f64 f64) (result i64)
                    (f64.store (i32.const 8) (f64.mul (local.get 0) (local.get 1)))
                    (i64.load (i32.const 8))))
                """
            let engine = try makeEngine(.contract)
            let store = Store(engine: engine)
            store.setFuel(1_000)
            let instance = try instantiate(wat, engine: engine, store: store)
            let negativeNaN: UInt64 = 0xFFF8_0000_0000_0001
            XCTAssertEqual(try call(instance, "neg", .f64((-1.0).bitPattern)), [.i64(0xFFF8_0000_0000_0000)])
            XCTAssertEqual(try call(instance, "store", .f64(negativeNaN), .f64((2.0).bitPattern)), [.i64(0x7FF8_0000_0000_0000)])
        }
    }

    /// A value that is read again after the next instruction (a local, or a temporary still on
    /// the stack) keeps being written to its slot.
    func testValuesReadLaterAreStillWritten() throws {
        try onEveryBackend {
            let wat = """
                (module
                  (func (export "tee") (param i32) (result i32) (local i32)
                    (i32.add (local.tee 1 (i32.mul (local.get 0) (i32.const 3))) (local.get 1)))
                  (func (export "kept") (param i32) (result i32)
                    ;; The product stays on the stack under the sum that reads it first.
                    (i32.mul (local.get 0) (i32.const 5))
                    (i32.add (local.get 0) (i32.const 1))
                    (i32.sub))
                  (func (export "loop") (param i32) (result i32) (local i32)
                    (loop $l
                      (local.set 1 (i32.add (local.get 1) (local.get 0)))
                      (br_if $l (i32.lt_u (local.tee 0 (i32.sub (local.get 0) (i32.const 1))) (i32.const 100))))
                    (local.get 1)))
                """
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "tee", .i32(7)), [.i32(42)])
                XCTAssertEqual(try call(instance, "kept", .i32(7)), [.i32(35 - 8)])
                // 5 + 4 + 3 + 2 + 1 + 0, then 0 - 1 wraps past 100 and ends the loop.
                XCTAssertEqual(try call(instance, "loop", .i32(5)), [.i32(15)])
            }
        }
    }

    /// `i32.shl` by a constant folds into the address of a load or store: the shift wraps at 32
    /// bits before the offset is added, and the bounds check sees the full address.
    func testScaledAddresses() throws {
        try onEveryBackend {
            let wat = """
                (module (memory 1)
                  (func (export "load") (param i32) (result i32)
                    (i32.store (i32.const 24) (i32.const 1234))
                    (i32.load offset=8 (i32.shl (local.get 0) (i32.const 2))))
                  (func (export "store") (param i32 i64) (result i64)
                    (i64.store offset=16 (i32.shl (local.get 0) (i32.const 3)) (local.get 1))
                    (i64.load (i32.const 40)))
                  (func (export "shift-mod-32") (param i32) (result i32)
                    (i32.store (i32.const 8) (i32.const 99))
                    (i32.load (i32.shl (local.get 0) (i32.const 33))))
                  (func (export "computed") (param i32) (result i32)
                    (i32.store (i32.const 12) (i32.const 5))
                    (i32.load (i32.shl (i32.add (local.get 0) (i32.const 1)) (i32.const 2))))
                  (func (export "scaled-plus-constant") (param i32) (result i32)
                    (i32.store (i32.const 20) (i32.const 6))
                    (i32.load (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.const 4)))))
                """
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "load", .i32(4)), [.i32(1234)])
                // 0x4000_0004 << 2 wraps to 16: the load reads 16 + 8.
                XCTAssertEqual(try call(instance, "load", .i32(0x4000_0004)), [.i32(1234)])
                XCTAssertEqual(trap(instance, "load", .i32(0x3FFF))?.kind, .outOfBoundsMemoryAccess)
                XCTAssertEqual(try call(instance, "store", .i32(3), .i64(0xFFFF_FFFF_FFFF_FFFB)), [.i64(0xFFFF_FFFF_FFFF_FFFB)])
                XCTAssertEqual(trap(instance, "store", .i32(0x1FFF), .i64(1))?.kind, .outOfBoundsMemoryAccess)
                XCTAssertEqual(try call(instance, "shift-mod-32", .i32(4)), [.i32(99)])
                XCTAssertEqual(try call(instance, "computed", .i32(2)), [.i32(5)])
                XCTAssertEqual(try call(instance, "scaled-plus-constant", .i32(4)), [.i32(6)])
            }
        }
    }

    /// A constant stored at `slot + constant` wraps the address at 32 bits like `i32.add`.
    func testImmediateStoreAtSlotPlusConstant() throws {
        try onEveryBackend {
            let wat = """
                (module (memory 1)
                  (func (export "f") (param i32) (result i32)
                    (i32.store8 (i32.add (local.get 0) (i32.const 1024)) (i32.const 7))
                    (i32.load8_u (i32.const 1023))))
                """
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "f", .i32(0xFFFF_FFFF)), [.i32(7)])
                XCTAssertEqual(trap(instance, "f", .i32(65536 - 1024))?.kind, .outOfBoundsMemoryAccess)
            }
        }
    }

    /// Calls within a module keep the caller's memory, calls to imports still switch to the
    /// callee's instance, and every activation starts with its declared locals zeroed.
    func testCallsWithinAndAcrossModulesAndZeroedLocals() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let store = Store(engine: engine)
            let linker = Linker(engine: engine)
            let provider = try linker.instantiate(try Module(engine: engine, wat: """
                (module (memory (export "m") 1) (data (i32.const 0) "\\2a")
                  (func (export "first") (result i32) (i32.load8_u (i32.const 0))))
                """), in: store)
            linker.define(module: "provider", instance: provider)
            let user = try linker.instantiate(try Module(engine: engine, wat: """
                (module
                  (import "provider" "first" (func $first (result i32)))
                  (memory 1) (data (i32.const 0) "\\07")
                  (func $own (result i32) (i32.load8_u (i32.const 0)))
                  (func $count (param i32) (result i32) (local i32 i64)
                    ;; The locals must read 0 on every entry, whatever an earlier activation left.
                    (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                    (local.set 2 (i64.add (local.get 2) (i64.const 1)))
                    (if (local.get 0) (then (drop (call $count (i32.sub (local.get 0) (i32.const 1))))))
                    (i32.add (local.get 1) (i32.wrap_i64 (local.get 2))))
                  (func (export "mixed") (result i32)
                    (i32.add (i32.mul (call $own) (i32.const 100)) (call $first)))
                  (func (export "count") (param i32) (result i32) (call $count (local.get 0))))
                """), in: store)
            XCTAssertEqual(try call(user, "mixed"), [.i32(742)])
            XCTAssertEqual(try call(user, "count", .i32(5)), [.i32(2)])
            XCTAssertEqual(try call(user, "count", .i32(0)), [.i32(2)])
        }
    }
}
