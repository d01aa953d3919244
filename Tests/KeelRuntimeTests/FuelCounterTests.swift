import KeelFrontEnd
import KeelRuntime
import XCTest

/// The one out-of-fuel rule every charge follows (docs/determinism.md, sections 1.4 and 1.5).
final class FuelCounterTests: XCTestCase {
    func testAChargeUpToWhatRemainsSucceedsAndOneMoreEmptiesTheCounter() {
        var fuel = FuelCounter(remaining: 10)
        XCTAssertTrue(fuel.charge(4))
        XCTAssertEqual(fuel.remaining, 6)
        XCTAssertTrue(fuel.charge(6))
        XCTAssertEqual(fuel.remaining, 0)
        XCTAssertTrue(fuel.charge(0))
        var short = FuelCounter(remaining: 5)
        XCTAssertFalse(short.charge(6))
        XCTAssertEqual(short.remaining, 0, "a charge that cannot be paid leaves 0")
    }

    func testAnOverflowingProductIsUnaffordableEvenWithAllTheFuelThereIs() {
        var fuel = FuelCounter(remaining: UInt64.max)
        XCTAssertFalse(fuel.charge(1 << 33, times: 1 << 31))
        XCTAssertEqual(fuel.remaining, 0)
        var exact = FuelCounter(remaining: UInt64.max)
        XCTAssertTrue(exact.charge(UInt64.max, times: 1))
        XCTAssertEqual(exact.remaining, 0)
    }

    func testDynamicCostsChargeOnlyWhenMetered() {
        var fuel = FuelCounter(remaining: 3)
        XCTAssertTrue(DynamicCosts(nil).chargeBytes(1 << 30, to: &fuel))
        XCTAssertEqual(fuel.remaining, 3)
        let costs = DynamicCosts(CostSchedule.v1)
        XCTAssertTrue(costs.chargeBytes(0, to: &fuel), "0 bytes cost 0")
        XCTAssertTrue(costs.chargeBytes(17, to: &fuel), "per started 8 bytes: 3 units")
        XCTAssertEqual(fuel.remaining, 3 - 3 * CostSchedule.v1.memoryBytesPerUnit)
    }
}

/// The deterministic call-stack account.
final class StackAccountTests: XCTestCase {
    func testAFrameFitsUpToTheLimitAndNotPastIt() {
        var stack = StackAccount(limit: 10)
        XCTAssertEqual(stack.entering(7), 7)
        stack.used = 7
        XCTAssertEqual(stack.entering(3), 10)
        XCTAssertNil(stack.entering(4))
    }
}

/// Trap codes for status-returning entry points: stable, never 0 (0 is "no trap").
final class TrapCodeTests: XCTestCase {
    func testEveryKindHasAStableNonZeroCodeThatRoundTrips() {
        let kinds: [TrapKind] = [
            .unreachable, .integerDivideByZero, .integerOverflow, .invalidConversionToInteger, .outOfBoundsMemoryAccess,
            .outOfBoundsTableAccess, .undefinedElement, .uninitializedElement, .indirectCallTypeMismatch,
            .callStackExhausted, .outOfFuel, .host,
        ]
        XCTAssertEqual(kinds.map { TrapKind.code($0) }, Array(1...12))
        for kind in kinds { XCTAssertEqual(TrapKind(rawValue: kind.rawValue), kind) }
        XCTAssertEqual(TrapKind.code(nil), 0)
        XCTAssertNil(TrapKind(rawValue: 0))
    }
}
