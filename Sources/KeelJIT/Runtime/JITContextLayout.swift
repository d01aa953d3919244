/// The execution context JIT code reaches through r14: one per store, at fixed offsets.
///
/// Fuel, the deterministic stack account and the running instance's memory-0 view and
/// global slots live here; the Swift side (`JITExecution`) fills them before a run and reads
/// them back after it, and helpers called from JIT code update them.
package enum JITContextLayout {
    /// rsp as the entry trampoline left it: trap exits restore it and return the trap code.
    package static let savedStackPointer: Int32 = 0
    /// Fuel remaining (`FuelCounter.remaining`).
    package static let fuel: Int32 = 8
    /// `StackAccount.used`: the stack costs of the active frames.
    package static let stackUsed: Int32 = 16
    /// `StackAccount.limit`.
    package static let stackLimit: Int32 = 24
    /// The running instance's `UnsafeMutablePointer<MemoryView>` for memory 0.
    package static let memory0View: Int32 = 32
    /// The running instance's global slots (`InstanceRuntime.globalSlots`).
    package static let globals: Int32 = 40
    /// `@convention(c) (ctx, functionIndex, slots) -> status`: calls an imported function.
    package static let callImportHelper: Int32 = 48
    /// `@convention(c) (ctx, delta, memory) -> UInt64`: `memory.grow` (trap code << 32 | result).
    package static let memoryGrowHelper: Int32 = 56
    /// The `JITExecution` (unretained).
    package static let execution: Int32 = 64
    /// The running `InstanceRuntime` (unretained).
    package static let instance: Int32 = 72
    /// `@convention(c) (ctx, table << 32 | typeIndex, slots, element) -> status`: `call_indirect`.
    package static let callIndirectHelper: Int32 = 80
    /// `@convention(c) (ctx, JITBulkOperation, immediateA, immediateB, operands) -> status`:
    /// bulk memory operations on their operand slots.
    package static let bulkHelper: Int32 = 88
    /// `@convention(c) (op | canonicalize << 8, operands) -> status`: float instructions on the
    /// runtime's reference semantics (`JITNumericHelper`).
    package static let numericHelper: Int32 = 96
    /// `@convention(c) (ctx, table << 32 | typeIndex, element) -> UInt64`: resolves a
    /// `call_indirect` target: a trap code (below 0x100), `indirectSlowPath` (call through
    /// `callIndirectHelper`: a host function or another instance's code), or the entry of a
    /// function of the running instance, which JIT code calls directly.
    package static let resolveIndirectHelper: Int32 = 104
    package static let indirectSlowPath: UInt64 = 0x100
    /// The running instance's memory views by index (`InstanceRuntime.memoryViews`).
    package static let memoryViews: Int32 = 112
    /// The lowest address a JIT frame may reach on the native stack: each prologue checks
    /// rsp − frame against it before writing anything (`JITExecution` keeps room below it for
    /// helpers and host functions).
    package static let nativeStackLimit: Int32 = 120
    /// Bytes in the context.
    package static let size = 128
}

/// The bulk operations JIT code performs through `JITContextLayout.bulkHelper`.
package enum JITBulkOperation: UInt32 {
    /// `memory.fill` (immediate A: the memory).
    case memoryFill
    /// `memory.copy` (A: destination memory, B: source memory).
    case memoryCopy
    /// `memory.init` (A: the memory, B: the data segment).
    case memoryInit
    /// `data.drop` (A: the data segment).
    case dataDrop
    /// Table operations (A: the table; B: the source table or element segment). Results are
    /// written to the first operand slot.
    case tableGet, tableSet, tableSize, tableGrow, tableFill, tableCopy, tableInit
    /// `elem.drop` (A: the element segment).
    case elemDrop
    /// `ref.func` (A: the function index): the reference (store address + 1).
    case refFunc
}
