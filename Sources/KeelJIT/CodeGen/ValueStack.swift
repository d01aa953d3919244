import KeelFrontEnd

extension JITGenerator {
    /// Where a value on the code generator's virtual operand stack currently is.
    ///
    /// Entry `k` of the stack has a canonical frame slot (`localCount + k`); `.slot` means the
    /// value is there. Every other case defers that store: most values are produced into a
    /// register and consumed from it without touching memory. At control-flow joins and calls
    /// every entry is spilled to its slot, so all paths meet with the same layout.
    enum Operand: Equatable {
        /// A constant (raw bits; an i32 is zero-extended).
        case constant(UInt64)
        /// In an integer register owned by this entry (an f32/f64 here is its raw bits, an i32
        /// zero-extended).
        case register(Masm.Register)
        /// In a float register owned by this entry (f32 or f64 in the low lane).
        case floatRegister(Masm.FloatRegister)
        /// The current value of a local, read lazily (before the local is next written, the
        /// generator stores every such entry).
        case local(Int)
        /// In the entry's canonical frame slot.
        case slot
        /// An i32 0 or 1: the comparison `lhs cond rhs` at the given width, not yet evaluated,
        /// so a `br_if`, `if` or `select` that consumes it branches on the flags directly.
        case compare(IntCondition, CompareOperand, CompareOperand, IntWidth)
    }

    /// An operand of a deferred comparison.
    enum CompareOperand: Equatable {
        /// A register owned by the comparison.
        case register(Masm.Register)
        /// A local whose home is a register (read when the comparison is evaluated).
        case local(Int)
        /// An immediate (only as the right-hand side).
        case imm(Int32)
    }

    /// One entry of the virtual operand stack.
    struct StackEntry {
        var operand: Operand
        var type: ValueType
        /// A float result whose NaN must still be canonicalized before it is observed (unless
        /// the front-end announces that its only consumer is NaN-transparent).
        var pendingNaN = false
    }

    /// Where a local lives for the whole function. Register homes still have a frame slot,
    /// used to save the register across calls.
    enum LocalHome: Equatable {
        case slot
        case register(Masm.Register)
        case floatRegister(Masm.FloatRegister)

        /// Whether the local lives in its slot (a tag test: `== .slot` would go through the
        /// generic enum's equality, which is slow wherever the generator is not specialized).
        var isSlot: Bool {
            if case .slot = self { return true }
            return false
        }
    }

    /// How an instruction reads an integer operand without taking ownership of it.
    enum IntUse {
        /// A register; `owned` registers are released after the use, others belong to a local.
        case reg(Masm.Register, owned: Bool)
        case imm(Int32)
        case mem(Masm.Address)

        /// The use as a machine operand.
        var operand: Masm.Operand {
            switch self {
            case .reg(let r, _): .register(r)
            case .imm(let v): .immediate(v)
            case .mem(let a): .memory(a)
            }
        }
    }

    /// Chooses register homes into `homes` (one per local): the heaviest locals first (ties by
    /// index, so the choice is deterministic), integers and references in the target's
    /// `localRegisters`, floats in its `localFloatRegisters`, the k-th heaviest of a class in
    /// the k-th register. Locals used less than `minimumLocalWeight` stay in slots. One pass,
    /// keeping each class's best few (no more candidates than registers), so it is linear in
    /// the number of locals.
    /// Returns how many integer and float local registers were given out (the first ones of
    /// `localRegisters` and `localFloatRegisters`).
    @discardableResult
    static func homes(types: [ValueType], weights: [UInt32], into homes: inout [LocalHome]) -> (integers: Int, floats: Int) {
        homes.removeAll(keepingCapacity: true)
        homes.append(contentsOf: repeatElement(.slot, count: types.count))
        guard weights.count == types.count else { return (0, 0) }
        func better(_ a: Int, than b: Int) -> Bool { weights[a] != weights[b] ? weights[a] > weights[b] : a < b }
        func offer(_ index: Int, to best: inout [Int], limit: Int) {
            if best.count == limit, limit == 0 || !better(index, than: best[limit - 1]) { return }
            var at = best.count
            while at > 0 && better(index, than: best[at - 1]) { at -= 1 }
            best.insert(index, at: at)
            if best.count > limit { best.removeLast() }
        }
        var integers: [Int] = [], floats: [Int] = []
        for index in types.indices where weights[index] >= minimumLocalWeight {
            if types[index].isFloat {
                offer(index, to: &floats, limit: Masm.localFloatRegisters.count)
            } else {
                offer(index, to: &integers, limit: Masm.localRegisters.count)
            }
        }
        for (k, index) in integers.enumerated() { homes[index] = .register(Masm.localRegisters[k]) }
        for (k, index) in floats.enumerated() { homes[index] = .floatRegister(Masm.localFloatRegisters[k]) }
        return (integers.count, floats.count)
    }
}

/// Locals used less than this (weighted by loop depth) stay in their slots.
let minimumLocalWeight: UInt32 = 2

/// A set of registers of one class, by number (0...63).
struct RegisterSet: Equatable {
    var bits: UInt64 = 0

    init(_ numbers: [UInt8] = []) {
        for n in numbers { insert(n) }
    }

    var isEmpty: Bool { bits == 0 }
    func contains(_ n: UInt8) -> Bool { bits & (1 << n) != 0 }
    mutating func insert(_ n: UInt8) { bits |= 1 << n }
    mutating func remove(_ n: UInt8) { bits &= ~(1 << n) }
    /// The lowest-numbered member.
    var first: UInt8? { bits == 0 ? nil : UInt8(bits.trailingZeroBitCount) }
}
