/// The deterministic call-stack metric shared by every backend.
@usableFromInline
package enum CallStack {
    /// Slots every frame counts beyond its locals and operand stack (return address, caller
    /// registers).
    @usableFromInline package static let frameOverhead = 4
}

/// The protocol between the validating translator and a backend.
///
/// `FunctionTranslator` decodes and validates one function body in a single pass and calls
/// the generator once per reachable instruction, after the instruction has been validated, so a
/// backend never sees invalid code and never tracks types. Unreachable code (after `br`,
/// `br_table`, `return` or `unreachable`, up to the end of the enclosing block) is not passed on,
/// except its structure (`block`, `loop`, `if`, `else`, `end`), which backends need to keep their
/// control stacks aligned. Events carry the value types a register-allocating backend needs
/// (block signatures, `select` operands, locals and globals) and the reachability of the end of
/// each `if` branch and block body; a backend whose values are untyped slots ignores them.
public protocol CodeGenerator {
    /// The compiled form of one function.
    associatedtype Output

    /// Called first, with the function's index space position, type and declared locals, and the
    /// module's facts: its types, every function's type (imports first; `importedFunctionCount`),
    /// the globals', memories' and tables' types.
    mutating func beginFunction(index: Int, type: FunctionType, locals: [ValueType], module: ModuleInfo)
    /// Called after the final `end`; returns the compiled function. `stackCost` is the function's
    /// deterministic call-stack cost (parameters + locals + the validator's maximum operand-stack
    /// height + a fixed frame overhead), the same for every backend.
    mutating func finishFunction(stackCost: Int) throws(CompileError) -> Output

    /// Whether the instructions that follow are reachable (set by the translator).
    mutating func setReachable(_ reachable: Bool)

    /// Fuel metering (only when the engine meters): a metering block starts here. The backend
    /// emits a charge whose amount it learns from `endMeteringBlock`, and charges it before the
    /// block's first instruction runs.
    mutating func beginMeteringBlock()
    /// The metering block begun last ends here and costs `cost`.
    mutating func endMeteringBlock(cost: UInt64)

    /// A block, loop or if whose signature is `type` (parameters taken from the operand stack,
    /// results left on it).
    mutating func block(type: FunctionType)
    /// A `loop` of signature `type`: branches to it go back to its start.
    mutating func loop(type: FunctionType)
    /// An `if` of signature `type`; its i32 condition is on top of the operand stack.
    mutating func ifBlock(type: FunctionType)
    /// `else`; `endReachable` says whether the end of the `then` branch is reachable (whether
    /// control can fall through it into the `end`).
    mutating func elseBlock(endReachable: Bool)
    /// The `end` of a block, loop or if (not of the function); `endReachable` says whether the end
    /// of its body (or of its `else` branch) is reachable. Code after it is reachable when that is
    /// or when a branch targets the construct.
    mutating func end(endReachable: Bool)
    /// The function's final `end`: return its results.
    mutating func endFunction()
    /// `br` to the label `depth` constructs out (0: the innermost).
    mutating func br(depth: UInt32)
    /// `br_if` to the label `depth` out, on the i32 on top of the stack.
    mutating func brIf(depth: UInt32)
    /// `br_table`: the label depths by index, and the depth taken for any other index.
    mutating func brTable(depths: [UInt32], defaultDepth: UInt32)
    /// `return`: the function's results are on top of the stack.
    mutating func returnFromFunction()
    /// `unreachable`: traps when executed.
    mutating func unreachable()

    /// `call` of function `function` (function index space) whose type is `type`.
    mutating func call(function: UInt32, type: FunctionType)
    /// `call_indirect` through table `table`, expecting type `typeIndex` (`type`).
    mutating func callIndirect(type: FunctionType, typeIndex: UInt32, table: UInt32)

    /// `drop` of the top value.
    mutating func drop()
    /// `select` (typed or not) on two operands of `type`.
    mutating func select(type: ValueType)
    /// `local.get`, `local.set` and `local.tee` of local `index` (parameters first), of `type`.
    mutating func localGet(_ index: UInt32, type: ValueType)
    mutating func localSet(_ index: UInt32, type: ValueType)
    mutating func localTee(_ index: UInt32, type: ValueType)
    /// `global.get` and `global.set` of global `index` (imports first), of `type`.
    mutating func globalGet(_ index: UInt32, type: GlobalType)
    mutating func globalSet(_ index: UInt32, type: GlobalType)

    /// A constant of the given type as raw bits (`ref.null` is a constant 0).
    mutating func constant(_ type: ValueType, bits: UInt64)
    /// A numeric instruction: its operands are on top of the stack, its result replaces them.
    mutating func numeric(_ op: NumericOp)
    /// NaN canonicalization (only when the engine canonicalizes): the operand `operand` entries
    /// below the top of the stack (0 is the top) of the `numeric` event that follows was produced
    /// by a NaN-producing instruction in the same straight-line region and is consumed only by
    /// that NaN-transparent instruction, so its producer need not canonicalize it (`NaNElision`,
    /// docs/determinism.md section 2). Every other NaN-producing result must be canonicalized.
    mutating func elideCanonicalization(operand: Int)

    /// A load or store in memory `memory` at the address on the stack plus `offset`.
    mutating func load(_ op: LoadOp, memory: UInt32, offset: UInt64)
    mutating func store(_ op: StoreOp, memory: UInt32, offset: UInt64)
    /// `memory.size`, `memory.grow`, and the bulk memory instructions, of the memories named.
    mutating func memorySize(memory: UInt32)
    mutating func memoryGrow(memory: UInt32)
    mutating func memoryFill(memory: UInt32)
    mutating func memoryCopy(destination: UInt32, source: UInt32)
    mutating func memoryInit(data: UInt32, memory: UInt32)
    mutating func dataDrop(_ data: UInt32)

    /// The table instructions, of the tables and element segments named.
    mutating func tableGet(_ table: UInt32)
    mutating func tableSet(_ table: UInt32)
    mutating func tableSize(_ table: UInt32)
    mutating func tableGrow(_ table: UInt32)
    mutating func tableFill(_ table: UInt32)
    mutating func tableCopy(destination: UInt32, source: UInt32)
    mutating func tableInit(element: UInt32, table: UInt32)
    mutating func elemDrop(_ element: UInt32)

    /// `ref.func` of function `function`, and `ref.is_null` of the reference on top.
    mutating func refFunc(_ function: UInt32)
    mutating func refIsNull()

    /// The byte offset of the instruction whose `numeric` event follows, for a backend's own
    /// errors (a numeric instruction it does not implement: the only event a backend may
    /// decline). Called before each `numeric` event only, to keep the per-instruction path
    /// short.
    mutating func noteOffset(_ offset: Int)

    /// Whether the backend wants `localUsage(_:)` (an extra scan of every body).
    static var wantsLocalUsage: Bool { get }
    /// Called before `beginFunction` when `wantsLocalUsage`: each local's (parameters first)
    /// use count weighted by loop depth (`LocalUsage`).
    mutating func localUsage(_ weights: [UInt32])
}

extension CodeGenerator {
    /// Backends that report no errors of their own ignore offsets.
    @inline(__always)
    package mutating func noteOffset(_ offset: Int) {}

    /// Backends that place locals without looking ahead skip the scan.
    package static var wantsLocalUsage: Bool { false }
    package mutating func localUsage(_ weights: [UInt32]) {}
}
