/// Metering blocks (docs/determinism.md): which instructions cost what, and which end a block.
///
/// Leaders — the first instructions of metering blocks — are: the function's first instruction,
/// the first instruction inside a `loop`, the instruction after `if`, `else` and the `end` of a
/// `block` or `if`, and the instruction after every branch, call and `unreachable`. A block's
/// whole cost is charged when it is entered; unreachable code is never charged.
@usableFromInline
enum Metering {
    // Each instruction's static cost and whether it ends a metering block are decided in
    // `InstructionTraits`, with the NaN-elision regions, in one switch.

    /// Adds costs, saturating: a block can never cost more than any budget anyway.
    @inlinable static func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? UInt64.max : sum
    }
}

extension Metering {
    /// A schedule's static prices as plain values, by `InstructionTraits.priceIndex`: 0 unused,
    /// then a `drop`'s zero, a call's, an indirect call's, a control instruction's, and each cost
    /// class's by `rawValue`. The translator reads one per instruction; `CostSchedule` keeps
    /// its class prices in a dictionary-built array of its own.
    @usableFromInline struct Prices {
        @usableFromInline let byIndex: [UInt64]

        @usableFromInline init(_ schedule: CostSchedule) {
            byIndex = [0, 0, schedule.call, schedule.callIndirect, schedule.cost(.control)]
                + CostClass.allCases.map { schedule.cost($0) }
        }
    }
}
