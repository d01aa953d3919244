import Keel
import KeelTestSupport
import XCTest

/// Exact fuel under cost schedule v1 (docs/determinism.md): simple 1, multiply 3, divide 12,
/// memory 2, control 1, call 5, bulk 5; blocks charged on entry; dead code never charged.
/// Each expectation is worked out by hand in the comment beside it.
final class FuelTests: EveryBackendTestCase {
    /// Instantiates `wat` on a metering engine and calls `name` with `fuel`; returns the results
    /// (or the trap) and the fuel consumed.
    func run(_ wat: String, _ name: String, _ arguments: [Value], fuel: UInt64 = 1_000_000, linker: ((Linker) -> Void)? = nil) throws -> (Result<[Value], Trap>, UInt64) {
        var configuration = EngineConfiguration.contract
        configuration.canonicalizeNaN = false
        let engine = try makeEngine(configuration)
        let store = Store(engine: engine)
        let link = Linker(engine: engine)
        linker?(link)
        let instance = try link.instantiate(try Module(engine: engine, wat: wat), in: store)
        store.setFuel(fuel)
        let result: Result<[Value], Trap>
        do {
            result = .success(try instance.function(name)!.call(arguments))
        } catch {
            result = .failure(error)
        }
        return (result, store.fuelConsumed!)
    }

    func testStraightLineCodeIsOneBlock() throws {
        try onEveryBackend {
            // i32.const 1 + i32.const 1 + i32.add 1 = 3; the function's end is structural.
            let (result, fuel) = try run("(module (func (export \"f\") (result i32) (i32.add (i32.const 1) (i32.const 2))))", "f", [])
            XCTAssertEqual(try result.get(), [.i32(3)])
            XCTAssertEqual(fuel, 3)
        }
    }

    /// Counts to `n` in a loop whose body is one metering block of cost 8.
    let countingLoop = """
        (module (func (export "f") (param $n i32) (result i32) (local $i i32)
          (loop $l
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
          (local.get $i)))
        """

    func testLoopChargesItsBodyOnEveryIteration() throws {
        try onEveryBackend {
            let wat = countingLoop
            // Loop body: local.get, i32.const, i32.add, local.set, local.get, local.get, i32.lt_u,
            // br_if = 8 per iteration; after the loop, local.get = 1.
            let (three, fuel3) = try run(wat, "f", [.i32(3)])
            XCTAssertEqual(try three.get(), [.i32(3)])
            XCTAssertEqual(fuel3, 3 * 8 + 1)
            let (_, fuel0) = try run(wat, "f", [.i32(0)])
            XCTAssertEqual(fuel0, 8 + 1)
        }
    }

    /// A conditional branch charges its fall-through block itself (the `ChargeNext` forms);
    /// the fuel is the same as with a separate charge, up to the exact boundary.
    func testConditionalBranchesChargeTheirFallThroughBlock() throws {
        try onEveryBackend {
            let wat = """
                (module (func (export "f") (param $x i32) (result i32)
                  (block $b
                    (br_if $b (i32.eqz (local.get $x)))
                    (local.set $x (i32.mul (local.get $x) (i32.const 3)))
                    (if (i32.gt_u (local.get $x) (i32.const 10)) (then (local.set $x (i32.const 10)))))
                  (local.get $x)))
                """
            let disassembly = try interpreterDisassembly(wat, .contract).joined(separator: "\n")
            XCTAssertTrue(disassembly.contains("ChargeNext"), disassembly)
            // Entry block: local.get, i32.eqz, br_if = 3. Fall-through: local.get 1, i32.const 1,
            // i32.mul 3, local.set 1, local.get 1, i32.const 1, i32.gt_u 1, if 1 = 10. Then: i32.const,
            // local.set = 2. After the block: local.get = 1.
            XCTAssertEqual(try run(wat, "f", [.i32(0)]).1, 3 + 1)
            XCTAssertEqual(try run(wat, "f", [.i32(2)]).1, 3 + 10 + 1)
            XCTAssertEqual(try run(wat, "f", [.i32(5)]).1, 3 + 10 + 2 + 1)
            // Fuel runs out exactly at the fall-through charge and at the then-branch's.
            let (short, used) = try run(wat, "f", [.i32(2)], fuel: 3 + 10 - 1)
            XCTAssertEqual(short.failureKind, .outOfFuel)
            XCTAssertEqual(used, 3 + 10 - 1)
            XCTAssertEqual(try run(wat, "f", [.i32(2)], fuel: 3 + 10 + 1).0, .success([.i32(6)]))
            XCTAssertEqual(try run(wat, "f", [.i32(5)], fuel: 3 + 10 + 1).0.failureKind, .outOfFuel)
            XCTAssertEqual(try run(wat, "f", [.i32(5)], fuel: 3 + 10 + 2 + 1).0, .success([.i32(10)]))
        }
    }

    func testBranchesOutOfNestedBlocks() throws {
        try onEveryBackend {
            let wat = """
                (module (func (export "f") (param i32) (result i32)
                  (block $outer (result i32)
                    (block $inner
                      (br_if $inner (local.get 0))
                      (br $outer (i32.const 10)))
                    (i32.const 20))))
                """
            // B0 = local.get + br_if = 2; B1 = i32.const + br = 2; B2 (after inner's end) = 1.
            let (taken, fuelTaken) = try run(wat, "f", [.i32(1)])
            XCTAssertEqual(try taken.get(), [.i32(20)])
            XCTAssertEqual(fuelTaken, 2 + 1)
            let (fellThrough, fuelFellThrough) = try run(wat, "f", [.i32(0)])
            XCTAssertEqual(try fellThrough.get(), [.i32(10)])
            XCTAssertEqual(fuelFellThrough, 2 + 2)
        }
    }

    func testBrTable() throws {
        try onEveryBackend {
            let wat = """
                (module (func (export "f") (param i32) (result i32)
                  (block $b2 (block $b1 (block $b0
                    (br_table $b0 $b1 $b2 (local.get 0)))
                    (return (i32.const 100)))
                    (return (i32.const 101)))
                  (i32.const 102)))
                """
            // local.get + br_table = 2; each return block: i32.const + return = 2; last block 1.
            for (argument, value, fuel) in [(0, 100, 4), (1, 101, 4), (2, 102, 3), (9, 102, 3)] as [(UInt32, UInt32, UInt64)] {
                let (result, consumed) = try run(wat, "f", [.i32(argument)])
                XCTAssertEqual(try result.get(), [.i32(value)])
                XCTAssertEqual(consumed, fuel, "br_table index \(argument)")
            }
        }
    }

    func testCallsAndReturns() throws {
        try onEveryBackend {
            let wat = """
                (module
                  (func $square (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
                  (func (export "f") (param i32) (result i32) (i32.add (call $square (local.get 0)) (i32.const 1))))
                """
            // Caller: local.get + call = 6, then i32.const + i32.add = 2; callee: 1 + 1 + mul 3 = 5.
            let (result, fuel) = try run(wat, "f", [.i32(7)])
            XCTAssertEqual(try result.get(), [.i32(50)])
            XCTAssertEqual(fuel, 6 + 5 + 2)
        }
    }

    func testTrapMidBlockHasPaidForTheWholeBlock() throws {
        try onEveryBackend {
            // i32.const 1 + local.get 1 + div_u 12 + i32.const 1 + i32.add 1 = 16, charged on entry.
            let wat = "(module (func (export \"f\") (param i32) (result i32) (i32.add (i32.div_u (i32.const 1) (local.get 0)) (i32.const 5))))"
            let (result, fuel) = try run(wat, "f", [.i32(0)])
            XCTAssertEqual(result.failureKind, .integerDivideByZero)
            XCTAssertEqual(fuel, 16)
        }
    }

    func testDeadCodeIsNeverCharged() throws {
        try onEveryBackend {
            // i32.const + return = 2; the instructions after return are unreachable.
            let wat = "(module (func (export \"f\") (result i32) (return (i32.const 1)) (i32.const 2) (i32.const 3) (i32.add)))"
            let (result, fuel) = try run(wat, "f", [])
            XCTAssertEqual(try result.get(), [.i32(1)])
            XCTAssertEqual(fuel, 2)
        }
    }

    func testMemoryGrowChargesPerPageGrantedOnly() throws {
        try onEveryBackend {
            let wat = "(module (memory 1 3) (func (export \"f\") (param i32) (result i32) (memory.grow (local.get 0))))"
            // local.get 1 + memory.grow 5 = 6; + 1000 per page actually granted.
            let (grown, fuelGrown) = try run(wat, "f", [.i32(2)])
            XCTAssertEqual(try grown.get(), [.i32(1)])
            XCTAssertEqual(fuelGrown, 6 + 2000)
            let (refused, fuelRefused) = try run(wat, "f", [.i32(5)])
            XCTAssertEqual(try refused.get(), [.i32(UInt32.max)])
            XCTAssertEqual(fuelRefused, 6)
            // Not enough fuel for the pages: out of fuel before growing.
            let (starved, fuelStarved) = try run(wat, "f", [.i32(1)], fuel: 500)
            XCTAssertEqual(starved.failureKind, .outOfFuel)
            XCTAssertEqual(fuelStarved, 500)
        }
    }

    func testBulkMemoryChargesPerEightBytesAfterBoundsChecks() throws {
        try onEveryBackend {
            let wat = "(module (memory 1) (func (export \"fill\") (param i32 i32) (memory.fill (local.get 0) (i32.const 7) (local.get 1))))"
            // local.get 1 + i32.const 1 + local.get 1 + memory.fill 5 = 8; + ceil(20 / 8) = 3.
            let (_, fuel) = try run(wat, "fill", [.i32(0), .i32(20)])
            XCTAssertEqual(fuel, 8 + 3)
            // Out of bounds: the static cost only.
            let (outOfBounds, fuelOutOfBounds) = try run(wat, "fill", [.i32(65530), .i32(20)])
            XCTAssertEqual(outOfBounds.failureKind, .outOfBoundsMemoryAccess)
            XCTAssertEqual(fuelOutOfBounds, 8)
        }
    }

    func testExactBoundary() throws {
        try onEveryBackend {
            let wat = countingLoop
            let (enough, consumed) = try run(wat, "f", [.i32(3)], fuel: 25)
            XCTAssertEqual(try enough.get(), [.i32(3)])
            XCTAssertEqual(consumed, 25)
            let (short, consumedShort) = try run(wat, "f", [.i32(3)], fuel: 24)
            XCTAssertEqual(short.failureKind, .outOfFuel)
            XCTAssertEqual(short.failureMessage, "out of fuel")
            XCTAssertEqual(consumedShort, 24, "running out of fuel consumes everything given")
        }
    }

    func testHostFunctionsChargeFuel() throws {
        try onEveryBackend {
            let wat = "(module (import \"env\" \"work\" (func $work)) (func (export \"f\") (call $work)))"
            let linker: (Linker) -> Void = { linker in
                linker.define(module: "env", name: "work", type: FunctionType()) { caller, _ in
                    try caller.consumeFuel(100)
                    return []
                }
            }
            // call = 5, then the host's 100.
            let (_, fuel) = try run(wat, "f", [], linker: linker)
            XCTAssertEqual(fuel, 105)
            let (starved, fuelStarved) = try run(wat, "f", [], fuel: 104, linker: linker)
            XCTAssertEqual(starved.failureKind, .outOfFuel)
            XCTAssertEqual(fuelStarved, 104)
        }
    }

    func testStandardEnginesDoNotMeter() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let store = Store(engine: engine)
            XCTAssertNil(store.fuel)
            XCTAssertNil(store.fuelConsumed)
            let instance = try instantiate("(module (func (export \"f\") (result i32) (i32.const 1)))", engine: engine, store: store)
            XCTAssertEqual(try call(instance, "f"), [.i32(1)])
        }
    }
}

extension Result where Failure == Trap {
    var failureKind: TrapKind? {
        if case .failure(let trap) = self { return trap.kind }
        return nil
    }

    var failureMessage: String? {
        if case .failure(let trap) = self { return trap.message }
        return nil
    }
}
