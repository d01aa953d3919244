/// The NaN-canonicalization elision analysis (docs/determinism.md, section 2), decided here so
/// every backend skips exactly the same canonicalizations.
///
/// Under `canonicalizeNaN`, every result of a NaN-producing instruction
/// (`NumericOp.producesArithmeticNaN`) is canonicalized, except when its only consumer is a
/// NaN-transparent instruction (`NumericOp.isNaNTransparent`: arithmetic that canonicalizes its
/// own result, a comparison or a truncation) reached in the same straight-line region: no
/// control instruction, call or `select` in between, so no other path can observe the raw bits.
/// The translator then tells the backend, before the consumer's `numeric` event, which of its
/// operands were produced that way (`CodeGenerator.elideCanonicalization(operand:)`).
@usableFromInline
struct NaNElision {
    /// Operand-stack positions whose values a NaN-producing instruction left in the current
    /// region, in increasing order.
    @usableFromInline var fresh: [Int] = []

    @inlinable init() {}

    /// Which instructions end a region (control instructions, calls, `select`) is decided in
    /// `InstructionTraits`.
    @inlinable mutating func endRegion() {
        if !fresh.isEmpty { fresh.removeAll(keepingCapacity: true) }
    }

    /// The operand stack shrank to `height` values: the values above it were consumed.
    @inlinable @inline(__always)
    mutating func truncate(to height: Int) {
        while let last = fresh.last, last >= height { fresh.removeLast() }
    }

    /// A NaN-producing instruction left its result at `position` (the top of the stack).
    @inlinable mutating func produced(at position: Int) {
        fresh.append(position)
    }

    /// Whether the value at `position` came from a NaN-producing instruction in this region.
    @inlinable func isFresh(_ position: Int) -> Bool {
        fresh.last(where: { $0 <= position }) == position
    }
}
