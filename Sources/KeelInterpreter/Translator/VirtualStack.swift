/// Where the value at one operand-stack position currently lives while translating.
///
/// Every position has a home slot (`localCount + position`). A value may instead still be a
/// deferred `local.get` or constant; it is written to its home slot ("materialized") only when
/// something needs it there, so most `local.get`s and constants cost no instruction.
enum Operand: Equatable {
    case slot
    case local(UInt32)
    case constant(UInt64)
    /// `i32.add(i32.shl(slot, shift), constant)` not yet computed (`shift` in 0..<32): `base`
    /// is a local or this entry's own home slot. Loads and stores fold it into their address.
    case sum(base: UInt32, constant: UInt32, shift: UInt32)
}

/// A branch operand waiting for its target's code position.
struct PatchSite {
    enum Field { case a, b, c }
    var index: Int
    var field: Field
}

/// A control frame of the interpreter's translator.
struct Label {
    enum Kind { case function, block, loop, `if`, `else` }
    var kind: Kind
    /// Stack height where the label's values go (below the block's parameters).
    var height: Int
    var parameterCount: Int
    var resultCount: Int
    /// Code position of a loop's first instruction.
    var loopStart = 0
    /// Code position where the label's block began (-1 for `if`, whose arms begin later).
    var start = -1
    /// Branches to the end of this block, patched when the end is reached.
    var pending: [PatchSite] = []
    /// The `if`'s branch to its `else` (or end), patched there.
    var elseBranch: PatchSite?
    /// For an `if` with parameters: where the saved parameter copies start (see `ifBlock`).
    var savedParametersAt: Int?
    /// Whether anything can reach the end of this block.
    var endReachable = false
    /// A loop whose header's fuel charge sits just before `loopStart`: branches back to it
    /// charge the header themselves (the charge instruction runs only on entry from above).
    var chargedByBackEdges = false

    /// The number of values a branch to this label carries.
    var arity: Int { kind == .loop ? parameterCount : resultCount }
}
