import KeelFrontEnd

/// The dynamic fuel prices charged at run time (docs/determinism.md, section 1.1), taken from
/// the engine's `CostSchedule`; all zero, and `metered` false, when the store does not meter.
package struct DynamicCosts: Sendable {
    package var metered = false
    package var memoryGrowPerPage: UInt64 = 0
    package var memoryBytesPerUnit: UInt64 = 0
    package var tablePerElement: UInt64 = 0

    package init() {}

    package init(_ schedule: CostSchedule?) {
        guard let schedule else { return }
        metered = true
        memoryGrowPerPage = schedule.memoryGrowPerPage
        memoryBytesPerUnit = schedule.memoryBytesPerUnit
        tablePerElement = schedule.tablePerElement
    }

    /// Charges `count * price` to `fuel` when metering (always succeeds otherwise).
    @inline(__always)
    package func charge(_ count: UInt64, times price: UInt64, to fuel: inout FuelCounter) -> Bool {
        guard metered else { return true }
        return fuel.charge(count, times: price)
    }

    /// Charges bulk memory work on `bytes` bytes: `memoryBytesPerUnit` per started 8 bytes.
    @inline(__always)
    package func chargeBytes(_ bytes: UInt64, to fuel: inout FuelCounter) -> Bool {
        charge((bytes + 7) / 8, times: memoryBytesPerUnit, to: &fuel)
    }
}
