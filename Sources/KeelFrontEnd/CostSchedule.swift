/// The fuel price of every instruction: one versioned table. The version is a consensus
/// parameter (changing any price changes which executions run out of fuel), so a schedule is
/// never edited in place: a new version gets a new table.
public struct CostSchedule: Hashable, Sendable {
    /// The schedule's version, recorded by chains that use it.
    public let version: UInt32
    /// Static cost of each instruction class (indexed by `CostClass.rawValue`), charged when
    /// its metering block is entered. An array, not a dictionary: the translator looks a price
    /// up for every instruction.
    let classCosts: [UInt64]
    /// Structural markers (`block`, `loop`, `end`, `else`, `nop`) and `drop` cost nothing.
    /// Branches, `if` and returns cost `control`; calls `call` or `callIndirect`.
    public let call: UInt64
    public let callIndirect: UInt64
    /// Dynamic: per 64 KiB page that `memory.grow` grants (charged only when it succeeds).
    public let memoryGrowPerPage: UInt64
    /// Dynamic: per started group of 8 bytes that `memory.copy`, `memory.fill` or
    /// `memory.init` writes (charged once the operands are in bounds, before the work).
    public let memoryBytesPerUnit: UInt64
    /// Dynamic: per element `table.copy`, `table.fill`, `table.init` or `table.grow` writes.
    public let tablePerElement: UInt64

    /// Version 1.
    public static let v1 = CostSchedule(
        version: 1,
        classCosts: CostClass.table([
            .simple: 1, .multiply: 3, .divide: 12, .float: 3, .floatDivide: 12,
            .memory: 2, .control: 1, .call: 5, .bulk: 5,
        ]),
        call: 5, callIndirect: 8, memoryGrowPerPage: 1000, memoryBytesPerUnit: 1, tablePerElement: 1)

    /// The static cost of an instruction of class `costClass`.
    @inline(__always)
    package func cost(_ costClass: CostClass) -> UInt64 { classCosts[Int(costClass.rawValue)] }

    /// Fuel for `bytes` bytes of bulk memory work: `memoryBytesPerUnit` per started 8 bytes.
    package func memoryBytes(_ bytes: UInt64) -> UInt64 { (bytes + 7) / 8 * memoryBytesPerUnit }
}
