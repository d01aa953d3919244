/// The fuel remaining in a store, and the one rule every charge follows (docs/determinism.md,
/// sections 1.4 and 1.5): a charge that exceeds what remains traps with `out of fuel` and leaves
/// 0; otherwise it is subtracted. Remaining fuel therefore never underflows, and a charge that
/// cannot be paid pays nothing of its work.
///
/// Every backend charges through this type: metering blocks (static costs), dynamic costs of
/// bulk operations and growth, and host charges. It is a plain struct of one word so a backend
/// can keep it in a register or at a fixed offset of its context. Public, not `package`, only
/// so the optimizer inlines `charge` into the interpreter's handlers (see `Num`).
public struct FuelCounter: Sendable {
    /// Fuel left to spend (meaningful only when the store meters).
    public var remaining: UInt64

    @inlinable
    public init(remaining: UInt64) {
        self.remaining = remaining
    }

    /// Charges `cost`: false, with the counter emptied, when it exceeds what remains.
    @inlinable @inline(__always)
    public mutating func charge(_ cost: UInt64) -> Bool {
        if cost > remaining {
            remaining = 0
            return false
        }
        remaining &-= cost  // cost <= remaining
        return true
    }

    /// Charges `count * price`; an overflowing product is unaffordable (never wrapped into a
    /// cheap charge), so it empties the counter like any charge that exceeds what remains.
    @inlinable @inline(__always)
    public mutating func charge(_ count: UInt64, times price: UInt64) -> Bool {
        let (cost, overflow) = count.multipliedReportingOverflow(by: price)
        if overflow {
            remaining = 0
            return false
        }
        return charge(cost)
    }
}
