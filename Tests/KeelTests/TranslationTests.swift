import Keel
import KeelTestSupport
import XCTest

/// Regression tests for the interpreter's translator: deferred `local.get`s and constants,
/// result retargeting, compare-and-branch fusion, and block parameters.
final class TranslationTests: EveryBackendTestCase {
    /// The extension word of a 64-bit immediate disassembles as its constant, not as an
    /// instruction.
    func testDisassemblyShowsSixtyFourBitImmediates() throws {
        try onEveryBackend {
            let lines = try interpreterDisassembly("""
                (module (func (export "f") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 1234567890123))))
                """)
            XCTAssertTrue(lines.contains { $0.contains("i64MulImm64") }, lines.joined(separator: "\n"))
            XCTAssertTrue(lines.contains { $0.hasSuffix("(64-bit immediate 1234567890123)") }, lines.joined(separator: "\n"))
            XCTAssertFalse(lines.contains { $0.contains("unreachable") }, lines.joined(separator: "\n"))
        }
    }

    func testDeferredLocalReadSeesTheOldValue() throws {
        try onEveryBackend {
            let instance = try instantiate("""
                (module
                  (func (export "old") (param i32) (result i32)
                    (local.get 0)
                    (local.set 0 (i32.const 99))
                    (local.get 0)
                    (i32.sub))
                  (func (export "tee") (param i32) (result i32)
                    (local.get 0)
                    (local.tee 0 (i32.add (local.get 0) (i32.const 1)))
                    (i32.mul))
                  (func (export "swap") (param i32 i32) (result i32 i32)
                    (local.get 1) (local.get 0) (local.set 1) (local.set 0) (local.get 0) (local.get 1)))
                """)
            XCTAssertEqual(try call(instance, "old", .i32(5)), [.i32(UInt32(bitPattern: -94))])
            XCTAssertEqual(try call(instance, "tee", .i32(5)), [.i32(30)])
            XCTAssertEqual(try call(instance, "swap", .i32(1), .i32(2)), [.i32(2), .i32(1)])
        }
    }

    func testDeferredReadIsCapturedBeforeALoopChangesTheLocal() throws {
        try onEveryBackend {
            let instance = try instantiate("""
                (module (func (export "f") (param i32) (result i32) (local $i i32)
                  (local.get 0)
                  (loop $l
                    (local.set 0 (i32.add (local.get 0) (i32.const 10)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br_if $l (i32.lt_u (local.get $i) (i32.const 3))))
                  (local.get 0)
                  (i32.add)))
                """)
            XCTAssertEqual(try call(instance, "f", .i32(1)), [.i32(1 + 31)])
        }
    }

    func testResultRetargetingIsNotAppliedAcrossABranchTarget() throws {
        try onEveryBackend {
            let instance = try instantiate("""
                (module (func (export "f") (param i32) (result i32) (local i32)
                  (block (result i32)
                    (drop (br_if 0 (i32.const 7) (local.get 0)))
                    (i32.add (i32.const 1) (i32.const 2)))
                  (local.set 1)
                  (local.get 1)))
                """)
            XCTAssertEqual(try call(instance, "f", .i32(1)), [.i32(7)])
            XCTAssertEqual(try call(instance, "f", .i32(0)), [.i32(3)])
        }
    }

    func testFusedComparisonsBranchLikeTheirUnfusedForms() throws {
        try onEveryBackend {
            let comparisons = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]
            var functions = ""
            for op in comparisons {
                functions += """
                    (func (export "br_\(op)") (param i32 i32) (result i32)
                      (block (br_if 0 (i32.\(op) (local.get 0) (local.get 1))) (return (i32.const 0))) (i32.const 1))
                    (func (export "brimm_\(op)") (param i32) (result i32)
                      (block (br_if 0 (i32.\(op) (local.get 0) (i32.const -3))) (return (i32.const 0))) (i32.const 1))
                    (func (export "if_\(op)") (param i32 i32) (result i32)
                      (if (result i32) (i32.\(op) (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))
                    (func (export "val_\(op)") (param i32 i32) (result i32) (i32.\(op) (local.get 0) (local.get 1)))
                    (func (export "valimm_\(op)") (param i32) (result i32) (i32.\(op) (local.get 0) (i32.const -3)))

                    """
            }
            let instance = try instantiate("(module \(functions))")
            let samples: [Int32] = [-5, -3, -1, 0, 1, 3, Int32.min, Int32.max]
            for op in comparisons {
                for a in samples {
                    for b in samples {
                        let expected = try call(instance, "val_\(op)", .i32(UInt32(bitPattern: a)), .i32(UInt32(bitPattern: b)))
                        XCTAssertEqual(try call(instance, "br_\(op)", .i32(UInt32(bitPattern: a)), .i32(UInt32(bitPattern: b))), expected, "br_if \(op) \(a) \(b)")
                        XCTAssertEqual(try call(instance, "if_\(op)", .i32(UInt32(bitPattern: a)), .i32(UInt32(bitPattern: b))), expected, "if \(op) \(a) \(b)")
                    }
                    XCTAssertEqual(try call(instance, "brimm_\(op)", .i32(UInt32(bitPattern: a))),
                                   try call(instance, "valimm_\(op)", .i32(UInt32(bitPattern: a))), "br_if \(op) \(a) -3")
                }
            }
        }
    }

    func testBlockParametersAndIfWithParameters() throws {
        try onEveryBackend {
            let instance = try instantiate("""
                (module
                  (func (export "if-params") (param i32 i32) (result i32)
                    (local.get 0) (local.get 1)
                    (if (param i32) (result i32) (then (i32.const 100) (i32.add)) (else (i32.const 200) (i32.add))))
                  (func (export "if-params-no-else") (param i64 i32) (result i64)
                    (local.get 0) (local.get 1)
                    (if (param i64) (result i64) (then (drop) (i64.const -1))))
                  (func (export "loop-params") (param i32) (result i32)
                    (i32.const 0) (local.get 0)
                    (loop (param i32 i32) (result i32)
                      (local.set 0)
                      (i32.add (local.get 0))
                      (local.get 0) (i32.const 1) (i32.sub)
                      (local.tee 0) (local.get 0)
                      (br_if 0 (i32.ne (i32.const 0)))
                      (drop))))
                """)
            XCTAssertEqual(try call(instance, "if-params", .i32(1), .i32(1)), [.i32(101)])
            XCTAssertEqual(try call(instance, "if-params", .i32(1), .i32(0)), [.i32(201)])
            XCTAssertEqual(try call(instance, "if-params-no-else", .i64(5), .i32(0)), [.i64(5)])
            XCTAssertEqual(try call(instance, "if-params-no-else", .i64(5), .i32(1)), [.i64(UInt64.max)])
            XCTAssertEqual(try call(instance, "loop-params", .i32(4)), [.i32(4 + 3 + 2 + 1)])
        }
    }

    func testBrTableMovesValuesPerTarget() throws {
        try onEveryBackend {
            let instance = try instantiate("""
                (module (func (export "f") (param i32) (result i32)
                  (block $a (result i32)
                    (block $b (result i32)
                      (block $c
                        (i32.const 10) (local.get 0)
                        (br_table $a $b $a 2 (i32.add (local.get 0) (i32.const 0)))
                        (drop) (drop))
                      (i32.const 30))
                    (i32.const 1) (i32.add))))
                """)
            XCTAssertEqual(try call(instance, "f", .i32(0)), [.i32(0)])
            XCTAssertEqual(try call(instance, "f", .i32(1)), [.i32(2)])
            XCTAssertEqual(try call(instance, "f", .i32(2)), [.i32(2)])
            // Index 3 and beyond take the default label ($a) with the value on top.
            XCTAssertEqual(try call(instance, "f", .i32(3)), [.i32(3)])
            XCTAssertEqual(try call(instance, "f", .i32(9)), [.i32(9)])
        }
    }

    func testImmediateFormsOfI64Operations() throws {
        try onEveryBackend {
            let instance = try instantiate("""
                (module
                  (func (export "small") (param i64) (result i64) (i64.add (local.get 0) (i64.const -7)))
                  (func (export "large") (param i64) (result i64) (i64.add (local.get 0) (i64.const 0x100000000)))
                  (func (export "shift") (param i64) (result i64) (i64.shr_s (local.get 0) (i64.const 65))))
                """)
            XCTAssertEqual(try call(instance, "small", .i64(10)), [.i64(3)])
            XCTAssertEqual(try call(instance, "large", .i64(1)), [.i64(0x1_0000_0001)])
            XCTAssertEqual(try call(instance, "shift", .i64(UInt64(bitPattern: -8))), [.i64(UInt64(bitPattern: -4))])
        }
    }
}

/// Regression tests for deferred `i32.add(x, constant)` operands folded into addresses.
final class AddressFoldingTests: EveryBackendTestCase {
    func testDeferredSumsEverywhereTheyCanGo() throws {
        try onEveryBackend {
            let instance = try instantiate("""
                (module
                  (memory 1)
                  (func (export "load") (param i32) (result i32)
                    (i32.store (i32.const 8) (i32.const 77))
                    (i32.load (i32.add (local.get 0) (i32.const 8))))
                  (func (export "wrap") (param i32) (result i32)
                    ;; 0xFFFFFFFC + 12 wraps to 8 before the access, as i32.add requires.
                    (i32.store (i32.const 8) (i32.const 55))
                    (i32.load (i32.add (local.get 0) (i32.const 12))))
                  (func (export "store") (param i32) (result i32)
                    (i32.store (i32.add (local.get 0) (i32.const 4)) (i32.const 99))
                    (i32.load (i32.const 16)))
                  (func (export "kept") (param i32) (result i32)
                    ;; The sum outlives a change of its base local.
                    (i32.add (local.get 0) (i32.const 5))
                    (local.set 0 (i32.const 1000))
                    (local.get 0)
                    (i32.add))
                  (func (export "cond") (param i32 i32) (result i32)
                    ;; A comparison plus a constant is not a fusible condition.
                    (block (br_if 0 (i32.add (i32.lt_s (local.get 0) (local.get 1)) (i32.const -1)))
                      (return (i32.const 0)))
                    (i32.const 1))
                  (func (export "out-of-bounds") (param i32) (result i32)
                    (i32.load (i32.add (local.get 0) (i32.const 65532)))))
                """)
            XCTAssertEqual(try call(instance, "load", .i32(0)), [.i32(77)])
            XCTAssertEqual(try call(instance, "wrap", .i32(0xFFFF_FFFC)), [.i32(55)])
            XCTAssertEqual(try call(instance, "store", .i32(12)), [.i32(99)])
            XCTAssertEqual(try call(instance, "kept", .i32(1)), [.i32(1006)])
            XCTAssertEqual(try call(instance, "cond", .i32(1), .i32(2)), [.i32(0)])
            XCTAssertEqual(try call(instance, "cond", .i32(2), .i32(1)), [.i32(1)])
            XCTAssertEqual(try call(instance, "out-of-bounds", .i32(0)), [.i32(0)])
            XCTAssertEqual(trap(instance, "out-of-bounds", .i32(1))?.kind, .outOfBoundsMemoryAccess)
        }
    }
}
