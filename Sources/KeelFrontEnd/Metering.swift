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
    /// A schedule's static prices as plain values: the translator reads one per instruction,
    /// and `CostSchedule` holds its class prices in an array (retained on every copy).
    @usableFromInline struct Prices {
        @usableFromInline let simple, multiply, divide, float, floatDivide, memory, control, callClass, bulk: UInt64
        @usableFromInline let call: UInt64
        @usableFromInline let callIndirect: UInt64

        @usableFromInline init(_ schedule: CostSchedule) {
            simple = schedule.cost(.simple)
            multiply = schedule.cost(.multiply)
            divide = schedule.cost(.divide)
            float = schedule.cost(.float)
            floatDivide = schedule.cost(.floatDivide)
            memory = schedule.cost(.memory)
            control = schedule.cost(.control)
            callClass = schedule.cost(.call)
            bulk = schedule.cost(.bulk)
            call = schedule.call
            callIndirect = schedule.callIndirect
        }

        @inlinable @inline(__always)
        func cost(_ costClass: CostClass) -> UInt64 {
            switch costClass {
            case .simple: simple
            case .multiply: multiply
            case .divide: divide
            case .float: float
            case .floatDivide: floatDivide
            case .memory: memory
            case .control: control
            case .call: callClass
            case .bulk: bulk
            }
        }
    }
}
