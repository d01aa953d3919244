import KeelFrontEnd
import KeelRuntime
import XCTest

/// The bulk memory and table operations: ranges checked before any write, dynamic fuel charged
/// after the checks and before the work, traps returned as a status.
final class BulkOperationTests: XCTestCase {
    let metered = DynamicCosts(CostSchedule.v1)

    func memory(pages: UInt64, max: UInt64? = nil) throws -> LinearMemory {
        try XCTUnwrap(LinearMemory(type: MemoryType(limits: Limits(min: pages, max: max)), limitPages: 16))
    }

    func testFillChecksTheRangeBeforeChargingAndWriting() throws {
        let memory = try memory(pages: 1)
        var fuel = FuelCounter(remaining: 1000)
        XCTAssertEqual(BulkMemory.fill(memory, destination: 65530, value: 7, count: 7, costs: metered, fuel: &fuel), .outOfBoundsMemoryAccess)
        XCTAssertEqual(fuel.remaining, 1000, "a bounds trap charges no dynamic fuel")
        XCTAssertEqual(memory.base[65530], 0, "a trapping fill writes nothing")
        XCTAssertNil(BulkMemory.fill(memory, destination: 65530, value: 7, count: 6, costs: metered, fuel: &fuel))
        XCTAssertEqual(memory.base[65535], 7)
        XCTAssertEqual(fuel.remaining, 1000 - metered.memoryBytesPerUnit)
    }

    func testOutOfFuelDoesNoWork() throws {
        let memory = try memory(pages: 1)
        var fuel = FuelCounter(remaining: 1)
        XCTAssertEqual(BulkMemory.fill(memory, destination: 0, value: 9, count: 64, costs: metered, fuel: &fuel), .outOfFuel)
        XCTAssertEqual(fuel.remaining, 0)
        XCTAssertEqual(memory.base[0], 0)
    }

    func testCopyHandlesOverlapAndInitChecksTheSegment() throws {
        let memory = try memory(pages: 1)
        var fuel = FuelCounter(remaining: 1000)
        XCTAssertNil(BulkMemory.initialize(memory, from: [1, 2, 3, 4], destination: 0, source: 0, count: 4, costs: metered, fuel: &fuel))
        XCTAssertNil(BulkMemory.copy(to: memory, from: memory, destination: 1, source: 0, count: 4, costs: metered, fuel: &fuel))
        XCTAssertEqual(Array(UnsafeBufferPointer(start: memory.base, count: 5)), [1, 1, 2, 3, 4])
        XCTAssertEqual(BulkMemory.initialize(memory, from: [1, 2], destination: 0, source: 1, count: 2, costs: metered, fuel: &fuel), .outOfBoundsMemoryAccess)
    }

    func testGrowChargesOnlyGrowthThatSucceeds() throws {
        let memory = try memory(pages: 1, max: 2)
        var fuel = FuelCounter(remaining: 5000)
        let refused = BulkMemory.grow(memory, by: 2, costs: metered, fuel: &fuel)
        XCTAssertEqual(refused.result, UInt32.max)
        XCTAssertNil(refused.trap)
        XCTAssertEqual(fuel.remaining, 5000)
        let granted = BulkMemory.grow(memory, by: 1, costs: metered, fuel: &fuel)
        XCTAssertEqual(granted.result, 1)
        XCTAssertEqual(fuel.remaining, 5000 - metered.memoryGrowPerPage)
        var poor = FuelCounter(remaining: 1)
        let bigger = try self.memory(pages: 0, max: 1)
        XCTAssertEqual(BulkMemory.grow(bigger, by: 1, costs: metered, fuel: &poor).trap, .outOfFuel)
        XCTAssertEqual(bigger.pageCount, 0, "out of fuel grows nothing")
    }

    func testTableOperationsCheckRangesAndChargePerElement() throws {
        let table = try XCTUnwrap(TableStorage(type: TableType(elementType: .funcref, limits: Limits(min: 4, max: 8)), initial: 0, limitSize: 8))
        var fuel = FuelCounter(remaining: 100)
        XCTAssertEqual(BulkTable.set(table, index: 4, value: 1), .outOfBoundsTableAccess)
        XCTAssertNil(BulkTable.set(table, index: 3, value: 5))
        XCTAssertEqual(BulkTable.get(table, index: 3).0, 5)
        XCTAssertEqual(BulkTable.get(table, index: 4).1, .outOfBoundsTableAccess)
        XCTAssertEqual(BulkTable.fill(table, destination: 2, value: 9, count: 3, costs: metered, fuel: &fuel), .outOfBoundsTableAccess)
        XCTAssertEqual(fuel.remaining, 100)
        XCTAssertNil(BulkTable.fill(table, destination: 0, value: 9, count: 2, costs: metered, fuel: &fuel))
        XCTAssertEqual(fuel.remaining, 100 - 2 * metered.tablePerElement)
        XCTAssertNil(BulkTable.copy(to: table, from: table, destination: 1, source: 0, count: 3, costs: metered, fuel: &fuel))
        XCTAssertEqual(table.elements, [9, 9, 9, 0])
        XCTAssertNil(BulkTable.initialize(table, from: [7, 8], destination: 3, source: 1, count: 1, costs: metered, fuel: &fuel))
        XCTAssertEqual(table.elements, [9, 9, 9, 8])
        let grown = BulkTable.grow(table, by: 5, initial: 0, costs: metered, fuel: &fuel)
        XCTAssertEqual(grown.result, UInt32.max, "past the maximum")
        XCTAssertEqual(BulkTable.grow(table, by: 4, initial: 1, costs: metered, fuel: &fuel).result, 4)
        XCTAssertEqual(table.elements.count, 8)
    }
}
