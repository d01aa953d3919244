import Keel
import KeelTestSupport
import XCTest

/// Regression tests for the interpreter's fused instructions: consecutive copies in one
/// instruction (`copy2`), `select` between two constants (`selectImm`), and loop latches
/// (`local += k` and the conditional branch on the new value, `incBr...`), memory, shifted and
/// constant operands, and zero tests of loaded values. Values run on the standard engine and on
/// the metering one, where the branches become their charging forms; fuel must not depend on
/// whether fusion happened.
final class FusionTests: EveryBackendTestCase {

    func disassembly(_ wat: String, _ configuration: EngineConfiguration = .standard) throws -> String {
        try interpreterDisassembly(wat, configuration).joined(separator: "\n")
    }

    /// Fuel consumed by one call in the contract profile.
    func fuel(_ wat: String, _ name: String, _ arguments: Value...) throws -> UInt64 {
        let engine = try makeEngine(.contract)
        let store = Store(engine: engine)
        store.setFuel(10_000_000)
        let instance = try instantiate(wat, engine: engine, store: store)
        let before = store.fuel!
        _ = try instance.function(name)!.call(arguments)
        return before - store.fuel!
    }

    /// Rotating three locals is a run of copies; the second copy of a pair may read the slot
    /// the first one just wrote.
    func testConsecutiveCopiesRunAsPairs() throws {
        try onEveryBackend {
            let wat = """
                (module
                  (func (export "rotate") (param i32 i32 i32 i32) (result i32) (local i32)
                    (loop $l
                      (local.set 4 (local.get 0))
                      (local.set 0 (local.get 1))
                      (local.set 1 (local.get 2))
                      (local.set 2 (local.get 4))
                      (br_if $l (local.tee 3 (i32.sub (local.get 3) (i32.const 1)))))
                    (i32.add (i32.mul (local.get 0) (i32.const 100))
                      (i32.add (i32.mul (local.get 1) (i32.const 10)) (local.get 2))))
                  (func (export "chain") (param i64) (result i64) (local i64 i64 i64)
                    ;; Each copy reads the one before it: 2 <- 0, 3 <- 2 (written just before).
                    (local.set 1 (local.get 0))
                    (local.set 2 (local.get 1))
                    (local.set 3 (local.get 2))
                    (i64.add (local.get 3) (local.get 1))))
                """
            let lines = try disassembly(wat)
            XCTAssertTrue(lines.contains("copy2"), lines)
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "rotate", .i32(1), .i32(2), .i32(3), .i32(1)), [.i32(231)])
                XCTAssertEqual(try call(instance, "rotate", .i32(1), .i32(2), .i32(3), .i32(2)), [.i32(312)])
                XCTAssertEqual(try call(instance, "rotate", .i32(1), .i32(2), .i32(3), .i32(3)), [.i32(123)])
                XCTAssertEqual(try call(instance, "chain", .i64(0x1_0000_0007)), [.i64(0x2_0000_000E)])
            }
        }
    }

    /// A pointer stepped and kept in two locals (`i32AddImmCopy`): both get the sum, and the
    /// value passed on is the same.
    func testAddWithASecondDestination() throws {
        try onEveryBackend {
            let wat = """
                (module (func (export "f") (param i32) (result i32) (local i32 i32)
                  (local.set 1 (i32.add (local.get 0) (i32.const -4)))
                  (local.set 2 (local.get 1))
                  (i32.add (i32.mul (local.get 2) (i32.const 1000)) (local.get 1))))
                """
            let lines = try disassembly(wat)
            XCTAssertTrue(lines.contains("i32AddImmCopy"), lines)
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "f", .i32(10)), [.i32(6006)])
                XCTAssertEqual(try call(instance, "f", .i32(2)), [.i32(UInt32(bitPattern: -2002))])
            }
        }
    }

    /// A copy right after a branch target does not merge into the copy just before the label:
    /// the branch must still run it.
    func testCopiesAcrossALabelStaySeparate() throws {
        try onEveryBackend {
            let wat = """
                (module (func (export "f") (param i32 i32) (result i32) (local i32 i32)
                  (block $b
                    (br_if $b (local.get 0))
                    (local.set 2 (local.get 1)))
                  (local.set 3 (local.get 0))
                  (i32.add (i32.mul (local.get 3) (i32.const 10)) (local.get 2))))
                """
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "f", .i32(0), .i32(5)), [.i32(5)])
                XCTAssertEqual(try call(instance, "f", .i32(1), .i32(5)), [.i32(10)])
            }
        }
    }

    /// `select` of two constants: the condition from the accumulator (a temporary consumed
    /// here, or a local just written) or from a slot; i32 and zero-extended i64 constants; a
    /// constant above 32 bits takes the general form.
    func testSelectBetweenConstants() throws {
        try onEveryBackend {
            let wat = """
                (module
                  (func (export "temp") (param i32) (result i32)
                    (select (i32.const -5) (i32.const 9) (i32.and (local.get 0) (i32.const 1))))
                  (func (export "local") (param i32) (result i64)
                    (select (i64.const 0xFFFF_FFFF) (i64.const 3) (local.get 0)))
                  (func (export "written") (param i32) (result i32) (local i32)
                    (local.set 1 (i32.sub (local.get 0) (i32.const 2)))
                    (select (result i32) (i32.const 1) (i32.const 2) (local.get 1)))
                  (func (export "wide") (param i32) (result i64)
                    (select (i64.const 0x1_0000_0000) (i64.const 3) (local.get 0))))
                """
            let lines = try disassembly(wat)
            XCTAssertTrue(lines.contains("selectImmAccX"), lines)
            XCTAssertTrue(lines.contains("selectImm "), lines)
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "temp", .i32(3)), [.i32(UInt32(bitPattern: -5))])
                XCTAssertEqual(try call(instance, "temp", .i32(4)), [.i32(9)])
                XCTAssertEqual(try call(instance, "local", .i32(UInt32(bitPattern: -1))), [.i64(0xFFFF_FFFF)])
                XCTAssertEqual(try call(instance, "local", .i32(0)), [.i64(3)])
                XCTAssertEqual(try call(instance, "written", .i32(2)), [.i32(2)])
                XCTAssertEqual(try call(instance, "written", .i32(5)), [.i32(1)])
                XCTAssertEqual(try call(instance, "wide", .i32(1)), [.i64(0x1_0000_0000)])
                XCTAssertEqual(try call(instance, "wide", .i32(0)), [.i64(3)])
            }
        }
    }

    /// Loop latches of every shape: compared with an immediate, with a local on either side
    /// (the operands swap), signed and unsigned, a countdown to zero, an `eqz` exit, a
    /// negative step, and the wrap at 2^32.
    static let latches = """
        (module
          (func (export "up") (param i32) (result i32) (local i32 i32)
            (loop $l
              (local.set 2 (i32.add (local.get 2) (local.get 1)))
              (br_if $l (i32.ne (local.tee 1 (i32.add (local.get 1) (i32.const 3))) (local.get 0))))
            (local.get 2))
          (func (export "below") (param i32 i32) (result i32) (local i32)
            (loop $l
              (local.set 2 (i32.add (local.get 2) (i32.const 1)))
              ;; The limit on the left: `limit > i` becomes `i < limit`.
              (br_if $l (i32.gt_s (local.get 1) (local.tee 0 (i32.add (local.get 0) (i32.const 1))))))
            (i32.add (i32.mul (local.get 2) (i32.const 1000)) (local.get 0)))
          (func (export "unsigned") (param i32) (result i32) (local i32)
            (loop $l
              (local.set 1 (i32.add (local.get 1) (i32.const 1)))
              (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 0x4000))) (i32.const 0x10000))))
            (local.get 1))
          (func (export "down") (param i32) (result i32) (local i32)
            (loop $l
              (local.set 1 (i32.add (local.get 1) (local.get 0)))
              (br_if $l (local.tee 0 (i32.add (local.get 0) (i32.const -1)))))
            (local.get 1))
          (func (export "exit") (param i32) (result i32) (local i32)
            (block $done
              (loop $l
                (local.set 1 (i32.add (local.get 1) (i32.const 2)))
                (br_if $done (i32.eqz (local.tee 0 (i32.add (local.get 0) (i32.const -1)))))
                (br $l)))
            (local.get 1))
          (func (export "stride") (param i32 i32 i32) (result i32) (local i32)
            ;; The step in a local: `i += step`, then `step + i` (the other order).
            (loop $l
              (local.set 3 (i32.add (local.get 3) (i32.const 1)))
              (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2))))
            (loop $m
              (local.set 3 (i32.add (local.get 3) (i32.const 100)))
              (br_if $m (i32.lt_u (local.tee 0 (i32.add (local.get 1) (local.get 0))) (i32.const 1000))))
            (local.get 3))
          (func (export "wide") (param i32) (result i32) (local i32)
            ;; A step that does not fit 16 bits stays an add and a branch.
            (loop $l
              (local.set 1 (i32.add (local.get 1) (i32.const 1)))
              (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 70000))) (i32.const 0))))
            (local.get 1)))
        """

    func testLoopLatchesComputeTheSameValues() throws {
        try onEveryBackend {
            let plain = try disassembly(Self.latches)
            for op in ["incBrI32Ne ", "incBrI32LtS ", "incBrI32LtUImm", "incBrIfNez", "incBrIfEqz", "addBrI32LtU ", "addBrI32LtUImm"] {
                XCTAssertTrue(plain.contains(op), "\(op) missing in:\n\(plain)")
            }
            let metered = try disassembly(Self.latches, .contract)
            XCTAssertTrue(metered.contains("incBrI32NeCharged"), metered)
            for instance in try standardAndContractInstances(Self.latches) {
                XCTAssertEqual(try call(instance, "up", .i32(30)), [.i32(135)])
                XCTAssertEqual(try call(instance, "below", .i32(UInt32(bitPattern: -3)), .i32(4)), [.i32(7004)])
                XCTAssertEqual(try call(instance, "below", .i32(10), .i32(4)), [.i32(1011)])
                XCTAssertEqual(try call(instance, "unsigned", .i32(0)), [.i32(4)])
                XCTAssertEqual(try call(instance, "unsigned", .i32(UInt32(bitPattern: -0x4000))), [.i32(5)])
                XCTAssertEqual(try call(instance, "down", .i32(10)), [.i32(55)])
                XCTAssertEqual(try call(instance, "exit", .i32(4)), [.i32(8)])
                // 0 -> 300 by 30 (10 iterations), then 330 -> 1020 by 30 (24 iterations).
                XCTAssertEqual(try call(instance, "stride", .i32(0), .i32(30), .i32(300)), [.i32(2410)])
                XCTAssertEqual(try call(instance, "wide", .i32(UInt32(bitPattern: -70000 * 3))), [.i32(3)])
            }
        }
    }

    /// Fuel per iteration is the same whether the latch fused (step 1) or not (step 70000).
    func testFusionDoesNotChangeFuel() throws {
        try onEveryBackend {
            func loop(_ step: Int) -> String {
                """
                (module (func (export "f") (param i32) (result i32) (local i32)
                  (loop $l
                    (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                    (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const \(step)))) (i32.const 0))))
                  (local.get 1)))
                """
            }
            XCTAssertTrue(try disassembly(loop(1), .contract).contains("incBr"))
            XCTAssertFalse(try disassembly(loop(70000), .contract).contains("incBr"))
            let fused = try fuel(loop(1), "f", .i32(UInt32(bitPattern: -50)))
            let unfused = try fuel(loop(70000), "f", .i32(UInt32(bitPattern: -70000 * 50)))
            XCTAssertEqual(fused, unfused)
            XCTAssertGreaterThan(fused, 50)
        }
    }

    /// Loads whose value only the next integer operation reads become that operation's memory
    /// operand: every address mode, the loaded value on either side of a subtraction, i64 from
    /// 32 bits, and the bounds check (a trap at the same point, with nothing written).
    func testLoadsMergeIntoTheOperationThatConsumesThem() throws {
        try onEveryBackend {
            let wat = """
                (module (memory 1)
                  (data (i32.const 16) "\\05\\00\\00\\00\\ff\\ff\\ff\\ff\\03\\00\\00\\00\\00\\00\\00\\80")
                  (func (export "plain") (param i32 i32) (result i32)
                    (i32.mul (local.get 1) (i32.load offset=16 (local.get 0))))
                  (func (export "added") (param i32 i32) (result i32)
                    (i32.sub (local.get 1) (i32.load (i32.add (local.get 0) (i32.const 16)))))
                  (func (export "left") (param i32 i32) (result i32)
                    (i32.sub (i32.load offset=16 (local.get 0)) (local.get 1)))
                  (func (export "absolute") (param i64) (result i64)
                    (i64.xor (i64.load32_u (i32.const 20)) (local.get 0)))
                  (func (export "wide") (param i32 i64) (result i64)
                    (i64.add (local.get 1) (i64.load offset=16 (local.get 0))))
                  (func (export "reused") (param i32) (result i32) (local i32)
                    (local.set 1 (i32.load offset=16 (local.get 0)))
                    (i32.add (local.get 1) (local.get 1))))
                """
            let lines = try disassembly(wat)
            for op in ["i32MulMemI32Load ", "i32SubMemI32LoadAdd ", "i32SubMemI32LoadLeft", "i64XorMemI64Load32UAbs", "i64AddMemI64Load "] {
                XCTAssertTrue(lines.contains(op), "\(op) missing in:\n\(lines)")
            }
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "plain", .i32(0), .i32(7)), [.i32(35)])
                XCTAssertEqual(try call(instance, "plain", .i32(8), .i32(7)), [.i32(21)])
                XCTAssertEqual(try call(instance, "added", .i32(0), .i32(7)), [.i32(2)])
                XCTAssertEqual(try call(instance, "left", .i32(0), .i32(7)), [.i32(UInt32(bitPattern: -2))])
                XCTAssertEqual(try call(instance, "absolute", .i64(1)), [.i64(0xFFFF_FFFE)])
                XCTAssertEqual(try call(instance, "wide", .i32(8), .i64(1)), [.i64(0x8000_0000_0000_0004)])
                XCTAssertEqual(try call(instance, "reused", .i32(0)), [.i32(10)])
                // Offset 16 from 65520 is past the end: out of bounds, as the separate load was.
                XCTAssertEqual(trap(instance, "plain", .i32(65520), .i32(1))?.kind, .outOfBoundsMemoryAccess)
                // The address wraps to 0 at 32 bits (zeros there) instead of going out of bounds.
                XCTAssertEqual(try call(instance, "added", .i32(UInt32(bitPattern: -16)), .i32(1)), [.i32(1)])
                XCTAssertEqual(trap(instance, "wide", .i32(65515), .i64(0))?.kind, .outOfBoundsMemoryAccess)
            }
        }
    }

    /// Scaled addresses (`i32.shl` by a constant) as memory operands, slot and shift packed
    /// together; a slot past the packing's 13 bits keeps the separate load.
    func testScaledLoadsMergeIntoTheOperation() throws {
        try onEveryBackend {
            let wat = """
                (module (memory 1)
                  (data (i32.const 64) "\\01\\00\\00\\00\\02\\00\\00\\00\\03\\00\\00\\00\\04\\00\\00\\00")
                  (func (export "sum") (param i32 i32) (result i32)
                    (i32.add (local.get 1) (i32.load offset=64 (i32.shl (local.get 0) (i32.const 2)))))
                  (func (export "xor64") (param i32 i64) (result i64)
                    (i64.xor (local.get 1) (i64.load offset=64 (i32.shl (local.get 0) (i32.const 3))))))
                """
            let lines = try disassembly(wat)
            XCTAssertTrue(lines.contains("i32AddMemI32LoadScaled"), lines)
            XCTAssertTrue(lines.contains("i64XorMemI64LoadScaled"), lines)
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "sum", .i32(2), .i32(10)), [.i32(13)])
                XCTAssertEqual(try call(instance, "sum", .i32(3), .i32(10)), [.i32(14)])
                XCTAssertEqual(try call(instance, "xor64", .i32(1), .i64(1)), [.i64(0x4_0000_0002)])
                // (2^30 + 1) << 2 wraps to 4 at 32 bits: the scaled address is computed in 32 bits.
                XCTAssertEqual(try call(instance, "sum", .i32(0x4000_0001), .i32(0)), [.i32(2)])
                XCTAssertEqual(trap(instance, "sum", .i32(0x3FFF), .i32(0))?.kind, .outOfBoundsMemoryAccess)
            }
            // A function with more than 8192 slots (standard profile: the contract one limits
            // locals): the address slot does not fit the packing.
            let locals = String(repeating: "i32 ", count: 8200)
            let big = """
                (module (memory 1)
                  (func (export "f") (param i32) (result i32) (local \(locals))
                    (local.set 8199 (local.get 0))
                    (i32.add (local.get 0) (i32.load (i32.shl (local.get 8199) (i32.const 2))))))
                """
            XCTAssertFalse(try disassembly(big).contains("MemI32LoadScaled"))
            XCTAssertEqual(try call(try instantiate(big), "f", .i32(5)), [.i32(5)])
        }
    }

    /// A pointer stepped in place and read through right after: one `...Inc` load, which
    /// writes the stepped pointer back and traps where the load would.
    func testPreIncrementedLoads() throws {
        try onEveryBackend {
            let wat = """
                (module (memory 1)
                  (data (i32.const 0) "\\01\\00\\00\\00\\02\\00\\00\\00\\03\\00\\00\\00\\00\\00\\00\\00")
                  (func (export "count") (param i32) (result i32) (local i32)
                    ;; Counts the non-zero words after the first: p += 4 while *p != 0.
                    (local.set 1 (i32.const 0))
                    (block $done
                      (loop $l
                        (br_if $done (i32.eqz (i32.load (local.tee 0 (i32.add (local.get 0) (i32.const 4))))))
                        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                        (br $l)))
                    (i32.add (i32.mul (local.get 1) (i32.const 1000)) (local.get 0)))
                  (func (export "back") (param i32) (result i64) (local i64)
                    (i64.load32_u offset=4 (local.tee 0 (i32.add (local.get 0) (i32.const -8))))))
                """
            let lines = try disassembly(wat)
            XCTAssertTrue(lines.contains("i32LoadInc"), lines)
            XCTAssertTrue(lines.contains("i64Load32UInc"), lines)
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "count", .i32(0)), [.i32(2012)])
                XCTAssertEqual(try call(instance, "back", .i32(12)), [.i64(3)])
                XCTAssertEqual(trap(instance, "count", .i32(65532))?.kind, .outOfBoundsMemoryAccess)
            }
        }
    }

    /// `br_table` on the value just loaded reads it from the accumulator; the load only passes
    /// it on. Metered, the table's entries still charge their targets.
    func testBranchTableOnTheAccumulator() throws {
        try onEveryBackend {
            let wat = """
                (module (memory 1)
                  (data (i32.const 0) "\\02\\00\\01\\05")
                  (func (export "f") (param i32) (result i32)
                    (block $c (block $b (block $a
                      (br_table $a $b $c (i32.load8_u (local.get 0))))
                      (return (i32.const 10)))
                      (return (i32.const 20)))
                    (i32.const 30)))
                """
            let lines = try disassembly(wat)
            XCTAssertTrue(lines.contains("brTableAccA"), lines)
            XCTAssertTrue(lines.contains("i32Load8UTmp"), lines)
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "f", .i32(0)), [.i32(30)])
                XCTAssertEqual(try call(instance, "f", .i32(1)), [.i32(10)])
                XCTAssertEqual(try call(instance, "f", .i32(2)), [.i32(20)])
                XCTAssertEqual(try call(instance, "f", .i32(3)), [.i32(30)])
            }
        }
    }

    /// f64 arithmetic with a memory operand or a constant operand (on either side of sub and
    /// div): the same values, and in the contract profile the same canonical NaN.
    func testFloatMemoryAndConstantOperands() throws {
        try onEveryBackend {
            let wat = """
                (module (memory 1)
                  (func (export "set") (param i32 f64) (f64.store (local.get 0) (local.get 1)))
                  (func (export "addMem") (param i32 f64) (result f64)
                    (f64.add (local.get 1) (f64.load offset=8 (local.get 0))))
                  (func (export "subMemLeft") (param i32 f64) (result f64)
                    (f64.sub (f64.load offset=8 (local.get 0)) (local.get 1)))
                  (func (export "divConst") (param f64) (result f64)
                    (f64.div (local.get 0) (f64.const 4)))
                  (func (export "constDiv") (param f64) (result f64)
                    (f64.div (f64.const 1) (local.get 0)))
                  (func (export "constSub") (param f64) (result f64)
                    (f64.sub (f64.const 10) (local.get 0)))
                  (func (export "mulConst") (param f64) (result i64)
                    (i64.reinterpret_f64 (f64.mul (local.get 0) (f64.const 2)))))
                """
            let plain = try disassembly(wat)
            for op in ["f64AddMemF64Load ", "f64SubMemF64LoadLeft", "f64DivImm64", "f64DivLeftImm64", "f64SubLeftImm64", "f64MulImm64"] {
                XCTAssertTrue(plain.contains(op), "\(op) missing in:\n\(plain)")
            }
            let metered = try disassembly(wat, .contract)
            XCTAssertTrue(metered.contains("f64AddCanonicalMemF64Load"), metered)
            XCTAssertTrue(metered.contains("f64MulCanonicalImm64"), metered)
            func f64(_ value: Double) -> Value { .f64(value.bitPattern) }
            for instance in try standardAndContractInstances(wat) {
                _ = try call(instance, "set", .i32(16), f64(1.5))
                XCTAssertEqual(try call(instance, "addMem", .i32(8), f64(2)), [f64(3.5)])
                XCTAssertEqual(try call(instance, "subMemLeft", .i32(8), f64(2)), [f64(-0.5)])
                XCTAssertEqual(try call(instance, "divConst", f64(10)), [f64(2.5)])
                XCTAssertEqual(try call(instance, "constDiv", f64(4)), [f64(0.25)])
                XCTAssertEqual(try call(instance, "constSub", f64(4)), [f64(6)])
                XCTAssertEqual(try call(instance, "mulConst", f64(3)), [.i64((6.0).bitPattern)])
                XCTAssertEqual(trap(instance, "addMem", .i32(65530), f64(0))?.kind, .outOfBoundsMemoryAccess)
            }
            // A NaN with a payload through both forms: the contract profile canonicalizes it.
            let engine = try makeEngine(.contract)
            let store = Store(engine: engine)
            store.setFuel(1_000_000)
            let instance = try instantiate(wat, engine: engine, store: store)
            let payload = Value.f64(0x7FF4_0000_0000_0001)
            _ = try call(instance, "set", .i32(16), payload)
            XCTAssertEqual(try call(instance, "addMem", .i32(8), f64(1)), [.f64(0x7FF8_0000_0000_0000)])
            XCTAssertEqual(try call(instance, "mulConst", payload), [.i64(0x7FF8_0000_0000_0000)])
        }
    }

    /// A shift or rotate by a constant that only the next operation reads becomes that
    /// operation's shifted operand, on either side, i32 and i64; a shift whose value is read
    /// again stays separate.
    func testShiftedOperands() throws {
        try onEveryBackend {
            let wat = """
                (module
                  (func (export "sigma") (param i32) (result i32)
                    (i32.xor (i32.xor (i32.rotr (local.get 0) (i32.const 7)) (i32.rotr (local.get 0) (i32.const 18)))
                      (i32.shr_u (local.get 0) (i32.const 3))))
                  (func (export "left") (param i32 i32) (result i32)
                    (i32.add (i32.shl (local.get 0) (i32.const 4)) (local.get 1)))
                  (func (export "wide") (param i64 i64) (result i64)
                    (i64.or (local.get 1) (i64.shr_s (local.get 0) (i64.const 60))))
                  (func (export "kept") (param i32) (result i32) (local i32)
                    (local.set 1 (i32.rotl (local.get 0) (i32.const 1)))
                    (i32.and (local.get 0) (local.get 1))))
                """
            let lines = try disassembly(wat)
            for op in ["i32XorRotrImm", "i32XorShrUImm", "i32AddShlImm", "i64OrShrSImm"] {
                XCTAssertTrue(lines.contains(op), "\(op) missing in:\n\(lines)")
            }
            XCTAssertFalse(lines.contains("i32AndRotlImm"), lines)
            func rotr(_ x: UInt32, _ k: UInt32) -> UInt32 { x >> k | x << (32 - k) }
            for instance in try standardAndContractInstances(wat) {
                let x: UInt32 = 0x1234_5678
                XCTAssertEqual(try call(instance, "sigma", .i32(x)), [.i32(rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3))])
                XCTAssertEqual(try call(instance, "left", .i32(0x1000_0001), .i32(5)), [.i32(0x15)])
                XCTAssertEqual(try call(instance, "wide", .i64(0x8000_0000_0000_0000), .i64(0x100)), [.i64(0xFFFF_FFFF_FFFF_FFF8 | 0x100)])
                XCTAssertEqual(try call(instance, "kept", .i32(0x8000_0003)), [.i32(0x8000_0003 & 0x0000_0007)])
            }
        }
    }

    /// A zero test of a byte, halfword or word loaded only for it: one instruction, signed or
    /// not, taken or not, trapping where the load would; metered, its charging forms.
    func testBranchesOnLoadedValues() throws {
        try onEveryBackend {
            let wat = """
                (module (memory 1)
                  (data (i32.const 0) "\\00\\80\\00\\00\\01\\00\\00\\00")
                  (func (export "count") (param i32 i32) (result i32) (local i32 i32)
                    ;; Counts the zero bytes in [p, end).
                    (block $done
                      (loop $l
                        (br_if $done (i32.ge_u (local.get 0) (local.get 1)))
                        (local.set 3 (local.get 0))
                        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                        (br_if $l (i32.load8_s (local.get 3)))
                        (local.set 2 (i32.add (local.get 2) (i32.const 1)))
                        (br $l)))
                    (local.get 2))
                  (func (export "half") (param i32) (result i32)
                    (block $z (br_if $z (i32.eqz (i32.load16_u (local.get 0)))) (return (i32.const 1)))
                    (i32.const 0))
                  (func (export "word") (param i32) (result i32)
                    (block $nz (br_if $nz (i32.load (local.get 0))) (return (i32.const 0)))
                    (i32.const 1)))
                """
            let lines = try disassembly(wat)
            for op in ["brIfNezLoad8", "brIfEqzLoad16", "brIfNezLoad "] {
                XCTAssertTrue(lines.contains(op), "\(op) missing in:\n\(lines)")
            }
            XCTAssertTrue(try disassembly(wat, .contract).contains("brIfNezLoad8Charged"))
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "count", .i32(0), .i32(8)), [.i32(6)])
                XCTAssertEqual(try call(instance, "count", .i32(1), .i32(2)), [.i32(0)])
                XCTAssertEqual(try call(instance, "half", .i32(0)), [.i32(1)])
                XCTAssertEqual(try call(instance, "half", .i32(2)), [.i32(0)])
                XCTAssertEqual(try call(instance, "word", .i32(4)), [.i32(1)])
                XCTAssertEqual(try call(instance, "word", .i32(5)), [.i32(0)])
                XCTAssertEqual(trap(instance, "word", .i32(65533))?.kind, .outOfBoundsMemoryAccess)
                XCTAssertEqual(trap(instance, "count", .i32(65536), .i32(65537))?.kind, .outOfBoundsMemoryAccess)
            }
        }
    }

    /// A block's start is no branch target: the value written just before it is read from the
    /// accumulator inside it, while the block's end (a target) reads slots.
    func testAccumulatorCarriesIntoABlock() throws {
        try onEveryBackend {
            let wat = """
                (module (func (export "f") (param i32) (result i32) (local i32)
                  (local.set 1 (i32.mul (local.get 0) (i32.const 3)))
                  (block $b
                    (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                    (br_if $b (i32.and (local.get 0) (i32.const 1)))
                    (local.set 1 (i32.add (local.get 1) (i32.const 100))))
                  (i32.add (local.get 1) (local.get 1))))
                """
            let lines = try disassembly(wat)
            XCTAssertTrue(lines.contains("i32AddImmAccB"), lines)
            for instance in try standardAndContractInstances(wat) {
                XCTAssertEqual(try call(instance, "f", .i32(3)), [.i32(20)])
                XCTAssertEqual(try call(instance, "f", .i32(4)), [.i32(226)])
            }
        }
    }
}
