import KeelFrontEnd
import KeelRuntime

/// The code generator: implements the front-end's `CodeGenerator` requirements in one pass,
/// emitting through a target's `MacroAssembler` (x86-64: `X64MacroAssembler`). It names no
/// register, condition code or instruction of any ISA: registers come by role from the
/// target's `RegisterConventions`. The conformance to `CodeGenerator` is declared where the
/// generator is instantiated, for the concrete macro-assembler (JITModuleCode.swift), so that
/// its witnesses are specialized.
///
/// Values live on a virtual operand stack (`StackEntry`): constants, registers, lazy reads of
/// locals, deferred comparisons, or their canonical frame slot (`[sp + 8 * (1 + slot)]`:
/// locals first, then the operand stack; `[sp]` holds the pointer to the caller's argument
/// slots). Registers come from a small pool; when it runs dry the oldest entries are spilled.
/// The hottest locals (by the front-end's loop-weighted use counts) live in registers for the
/// whole function, so joins need no moves: at every label and call the operand stack is in its
/// slots and each local is in its home. Pinned registers: `context` (`JITContextLayout`),
/// `memoryBase` and `memorySize` of memory 0 (reloaded after calls and `memory.grow`) and
/// `fuel`. Traps are explicit compares branching to out-of-line stubs that restore the
/// trampoline's stack pointer and return the trap code: no signal is involved.
///
/// Calling convention between JIT functions: `argumentSlots` points to the caller's argument
/// slots; the callee copies them into its locals and writes its results back there before
/// returning. A call may change every register except the stack pointer and the pinned ones.
/// The stack pointer is 16-byte aligned in function bodies (helpers may be called directly).
package struct JITGenerator<Masm: MacroAssembler> {
    package typealias Output = JITFunctionCode

    enum Kind { case block, loop, ifThen, ifElse }

    struct Control {
        var kind: Kind
        /// Where branches to this construct go (the loop's start, or the end).
        var label: Label
        /// The `else` branch (if), bound at `else` or at the end.
        var elseLabel: Label
        /// Stack index of the construct's first parameter (and result).
        var base: Int
        var parameters: [ValueType]
        var results: [ValueType]
        /// Whether a branch targets the end (so code after it is reachable).
        var branchedTo = false

        var branchArity: Int { kind == .loop ? parameters.count : results.count }
    }

    var masm: Masm
    var functionIndex = 0
    var importedFunctionCount = 0
    var hasMemory = false
    /// Whether NaN results of arithmetic become the canonical NaN (the contract profile).
    let canonicalizeNaN: Bool
    var parameterCount = 0
    var localCount = 0
    var resultCount = 0
    var localTypes: [ValueType] = []
    var homes: [LocalHome] = []
    /// Locals with register homes, in index order.
    var registerLocals: [Int] = []
    /// Register locals written since their slot was last saved.
    var dirty: [Bool] = []
    /// The front-end's use weights for the next function.
    var weights: [UInt32] = []

    // The virtual operand stack.
    var stack: [StackEntry] = []
    /// Entries below this index are all `.slot`.
    var spilledBelow = 0
    /// No entry below this index reads a local lazily.
    var lazyFloor = 0
    /// How many stack entries read each local lazily.
    var lazyCount: [Int] = []
    var freeRegisters = RegisterSet()
    var freeFloatRegisters = RegisterSet()
    /// The stack index of the entry holding each allocated register, by number (valid while
    /// it is held).
    var registerHolder: [Int] = []
    static var registerNumbers: Int { 64 }

    /// The most slots the frame needs (locals + deepest operand stack + call results).
    var maxHeight = 0
    var controls: [Control] = []
    var reachable = true
    /// The first instruction this backend cannot compile yet.
    var failure: CompileError?
    /// Byte offset of the instruction being translated (for errors).
    var instructionOffset: Int?
    /// The constant of each open fuel charge.
    var pendingCharges: [Masm.PatchSite] = []
    /// Constants that receive the frame size and the stack cost.
    var frameSizePatches: [Masm.PatchSite] = []
    var stackCostPatches: [Masm.PatchSite] = []
    var callFixups: [JITFunctionCode.CallFixup] = []
    /// Out-of-line trap stubs, by `TrapKind.rawValue`; `dynamicTrap` expects the code in
    /// the `result` register.
    var trapLabels: [Label?] = []
    static var trapKinds: Int { 16 }
    /// Out-of-line NaN fix-ups: (entry, return point, register, double).
    var nanFixups: [(Label, Label, Masm.FloatRegister, Bool)] = []
    /// `br_table`: for each branch depth, the index of its stub in the table being compiled, or
    /// -1 (reset after each table, so a table costs its own size).
    var stubIndex: [Int] = []
    var dynamicTrap: Label
    var trapExit: Label
    var returnLabel: Label

    /// Storage shared with the module's other functions (nil: this generator's own arrays).
    let storage: JITGeneratorStorage<Masm>?

    /// A generator emitting through `masm` (a fresh one per function), using `storage`'s arrays
    /// when given.
    package init(canonicalizeNaN: Bool, masm: Masm, storage: JITGeneratorStorage<Masm>? = nil) {
        self.canonicalizeNaN = canonicalizeNaN
        self.masm = masm
        self.storage = storage
        dynamicTrap = self.masm.makeLabel()
        trapExit = self.masm.makeLabel()
        returnLabel = self.masm.makeLabel()
        if let storage {
            adopt(storage)
        } else {
            registerHolder = Array(repeating: -1, count: Self.registerNumbers)
            trapLabels = Array(repeating: nil, count: Self.trapKinds)
        }
    }

    package static var wantsLocalUsage: Bool { true }
    package mutating func localUsage(_ weights: [UInt32]) { self.weights = weights }

    // MARK: Slots

    @inline(__always)
    func slot(_ index: Int) -> Masm.Address { Masm.Address(base: Masm.stackPointer, displacement: Int32(8 * (1 + index))) }
    /// The canonical slot of stack entry `k`.
    @inline(__always)
    func entrySlot(_ k: Int) -> Masm.Address { slot(localCount + k) }
    /// The saved pointer to the caller's argument (and result) slots.
    var argumentPointer: Masm.Address { Masm.Address(base: Masm.stackPointer, displacement: 0) }

    /// A field of the execution context.
    @inline(__always)
    func contextField(_ offset: Int32) -> Masm.Address { Masm.Address(base: Masm.context, displacement: offset) }

    /// Makes sure the frame has room for `count` entries above the stack's top.
    mutating func reserve(_ count: Int) {
        if localCount + stack.count + count > maxHeight { maxHeight = localCount + stack.count + count }
    }

    // MARK: Errors

    /// Records that `what` is not implemented by this backend yet (the first such instruction
    /// is reported by `finishFunction`).
    package mutating func unsupported(_ what: String) {
        if failure == nil {
            failure = CompileError(
                .unsupported, "the jit backend does not implement \(what) yet", offset: instructionOffset, functionIndex: functionIndex)
        }
    }

    package mutating func noteOffset(_ offset: Int) { instructionOffset = offset }

    // MARK: Traps

    mutating func trapLabel(_ kind: TrapKind) -> Label {
        if let label = trapLabels[Int(kind.rawValue)] { return label }
        let label = masm.makeLabel()
        trapLabels[Int(kind.rawValue)] = label
        return label
    }

    /// Reloads memory 0's base and size after anything that may have grown it.
    mutating func reloadMemory() {
        guard hasMemory else { return }
        let view = Masm.Address(base: Masm.scratch, displacement: 0)
        masm.load(.full, from: contextField(JITContextLayout.memory0View), to: Masm.scratch, .i64, trap: nil)
        masm.load(.full, from: view, to: Masm.memoryBase, .i64, trap: nil)
        masm.load(.full, from: Masm.Address(base: Masm.scratch, displacement: 8), to: Masm.memorySize, .i64, trap: nil)
    }

    // MARK: Function

    package mutating func beginFunction(index: Int, type: FunctionType, locals: [ValueType], module: ModuleInfo) {
        functionIndex = index
        importedFunctionCount = module.importedFunctionCount
        hasMemory = !module.memories.isEmpty
        parameterCount = type.parameters.count
        localTypes.removeAll(keepingCapacity: true)
        localTypes.append(contentsOf: type.parameters)
        localTypes.append(contentsOf: locals)
        localCount = localTypes.count
        resultCount = type.results.count
        maxHeight = localCount
        let given = Self.homes(types: localTypes, weights: weights, into: &homes)
        weights = []
        registerLocals.removeAll(keepingCapacity: true)
        for k in homes.indices where !homes[k].isSlot { registerLocals.append(k) }
        dirty.removeAll(keepingCapacity: true)
        dirty.append(contentsOf: repeatElement(true, count: localCount))
        lazyCount.removeAll(keepingCapacity: true)
        lazyCount.append(contentsOf: repeatElement(0, count: localCount))
        stack.removeAll(keepingCapacity: true)
        spilledBelow = 0
        lazyFloor = 0
        freeRegisters = storage?.operandRegisters ?? RegisterSet(Masm.operandRegisters.map(\.number))
        for r in Masm.localRegisters.dropFirst(given.integers) { freeRegisters.insert(r.number) }
        freeFloatRegisters = storage?.operandFloatRegisters ?? RegisterSet(Masm.operandFloatRegisters.map(\.number))
        for x in Masm.localFloatRegisters.dropFirst(given.floats) { freeFloatRegisters.insert(x.number) }

        // Both stack checks come before anything is written to the stack (docs/determinism.md,
        // section 4). The deterministic account first: used + cost must not pass the limit
        // (nothing is live yet, so the result register is free).
        let used = Masm.result
        masm.load(.full, from: contextField(JITContextLayout.stackUsed), to: used, .i64, trap: nil)
        stackCostPatches.append(masm.binary(.add, patchedConstantInto: .register(used)))
        masm.compare(used, .memory(contextField(JITContextLayout.stackLimit)), .i64)
        masm.branch(if: .gtU, to: trapLabel(.callStackExhausted))
        // Then the native stack: the whole frame (its size is known at the end) must lie above
        // the limit in the context, which leaves room below it for helpers and host functions.
        // The account bounds every frame (8 bytes per unit of stack cost), and the stack is
        // sized from the account, so this check never fires first; it is the backstop.
        let bottom = Masm.secondScratch
        masm.move(Masm.stackPointer, to: bottom, .i64)
        frameSizePatches.append(masm.binary(.sub, patchedConstantInto: .register(bottom)))
        masm.compare(bottom, .memory(contextField(JITContextLayout.nativeStackLimit)), .i64)
        masm.branch(if: .ltU, to: trapLabel(.callStackExhausted))
        masm.store(used, to: contextField(JITContextLayout.stackUsed), .b64, trap: nil)
        // The frame, then the incoming argument pointer.
        frameSizePatches.append(masm.binary(.sub, patchedConstantInto: .register(Masm.stackPointer)))
        masm.store(Masm.argumentSlots, to: argumentPointer, .b64, trap: nil)
        let temporary = Masm.result
        var slotParameters = 0
        for k in 0..<parameterCount {
            let argument = Masm.Address(base: Masm.argumentSlots, displacement: Int32(8 * k))
            switch homes[k] {
            case .register(let r): masm.load(.full, from: argument, to: r, .i64, trap: nil)
            case .floatRegister(let x): masm.loadFloat(from: argument, to: x, double: localTypes[k] == .f64, trap: nil)
            case .slot: slotParameters += 1
            }
        }
        // Parameters and declared locals in slots: a few moves each, or one loop over all of
        // them, so that a function's prologue is constant code however many it declares (a
        // register local's slot is written before it is read, so the loops may cover it).
        if slotParameters > Self.unrolledSlotMoves {
            emitSlotLoop(from: 0, count: parameterCount, copyingFrom: Masm.argumentSlots)
        } else if slotParameters > 0 {
            for k in 0..<parameterCount where homes[k].isSlot {
                masm.load(.full, from: Masm.Address(base: Masm.argumentSlots, displacement: Int32(8 * k)), to: temporary, .i64, trap: nil)
                masm.store(temporary, to: slot(k), .b64, trap: nil)
            }
        }
        if localCount > parameterCount {
            var slotLocals = 0
            for k in parameterCount..<localCount where homes[k].isSlot { slotLocals += 1 }
            if slotLocals > Self.unrolledSlotMoves {
                emitSlotLoop(from: parameterCount, count: localCount - parameterCount, copyingFrom: nil)
            }
            masm.move(constant: 0, to: temporary, .i32)
            for k in parameterCount..<localCount {
                switch homes[k] {
                case .register(let r): masm.move(constant: 0, to: r, .i32)
                case .floatRegister(let x): masm.move(floatBits: 0, to: x, double: false)
                case .slot: if slotLocals <= Self.unrolledSlotMoves { masm.store(temporary, to: slot(k), .b64, trap: nil) }
                }
            }
        }
        let end = masm.makeLabel()
        controls.append(Control(kind: .block, label: end, elseLabel: end, base: 0, parameters: [], results: type.results))
    }

    /// Slot moves a prologue spells out before it uses a loop instead.
    static var unrolledSlotMoves: Int { 8 }

    /// Fills slots `first ..< first + count` with the words at `source` (advancing it), or
    /// with zeros when `source` is nil, in a loop: constant code for any count (prologue only:
    /// the scratch registers and the result register are free).
    mutating func emitSlotLoop(from first: Int, count: Int, copyingFrom source: Masm.Register?) {
        let destination = Masm.scratch, remaining = Masm.secondScratch, word = Masm.result
        masm.loadAddress(slot(first), to: destination)
        masm.move(constant: Int64(count), to: remaining, .i64)
        if source == nil { masm.move(constant: 0, to: word, .i32) }
        let loop = masm.makeLabel()
        masm.bind(loop)
        if let source {
            masm.load(.full, from: Masm.Address(base: source, displacement: 0), to: word, .i64, trap: nil)
            masm.binary(.add, .immediate(8), into: source, .i64)
        }
        masm.store(word, to: Masm.Address(base: destination, displacement: 0), .b64, trap: nil)
        masm.binary(.add, .immediate(8), into: destination, .i64)
        masm.binary(.sub, .immediate(1), into: remaining, .i64)
        masm.branch(ifZero: false, justComputed: remaining, .i64, to: loop)
    }

    package mutating func finishFunction(stackCost: Int) throws(CompileError) -> JITFunctionCode {
        if let failure { throw failure }
        // NaN fix-ups: load the canonical NaN and go back.
        for (entry, back, x, double) in nanFixups {
            masm.bind(entry)
            masm.move(floatBits: double ? 0x7FF8_0000_0000_0000 : 0x7FC0_0000, to: x, double: double)
            masm.jump(to: back)
        }
        // Trap stubs write the fuel register back (a helper's trap leaves the context's fuel
        // current instead), then the shared exit unwinds to the entry trampoline.
        let staticTrap = masm.makeLabel()
        for (code, label) in trapLabels.enumerated() {
            guard let label else { continue }
            masm.bind(label)
            if code == Int(TrapKind.outOfFuel.rawValue) {
                masm.move(constant: 0, to: Masm.fuel, .i32)
            }
            masm.move(constant: Int64(code), to: Masm.result, .i32, .keepingFlags)
            masm.jump(to: staticTrap)
        }
        masm.bind(staticTrap)
        masm.store(Masm.fuel, to: contextField(JITContextLayout.fuel), .b64, trap: nil)
        masm.bind(dynamicTrap)
        masm.bind(trapExit)
        masm.load(.full, from: contextField(JITContextLayout.savedStackPointer), to: Masm.stackPointer, .i64, trap: nil)
        masm.epilogue(saving: Masm.entrySaved, frameBytes: 0)
        masm.ret()
        let machine: MachineCode
        do {
            machine = try masm.finish()
        } catch {
            throw CompileError(.limit, "jit code generation failed: \(error)", functionIndex: functionIndex)
        }
        // Frame: the argument pointer plus every slot, keeping the stack pointer 16-byte
        // aligned with the return address the call pushed (if the target pushes one).
        let slots = maxHeight + 1
        var frameBytes = 8 * slots
        if (frameBytes + Masm.returnAddressBytes) % 16 != 0 { frameBytes += 8 }
        // The deterministic stack cost bounds the native frame: with the return address, at
        // most 8 bytes per unit of cost (`JITExecution.bytesPerStackUnit`), which the native
        // stack is sized from. The front-end counts every slot this backend uses.
        guard maxHeight <= stackCost - CallStack.frameOverhead,
            frameBytes + Masm.returnAddressBytes <= JITExecution.bytesPerStackUnit * stackCost,
            stackCost <= Int(Int32.max)
        else {
            throw CompileError(
                .limit, "internal error: a jit frame of \(slots) slots exceeds the stack cost \(stackCost)", functionIndex: functionIndex)
        }
        for site in frameSizePatches { masm.patch(site, with: Int64(frameBytes)) }
        for site in stackCostPatches { masm.patch(site, with: Int64(stackCost)) }
        if let storage { returnStorage(to: storage) }
        return JITFunctionCode(
            byteCount: machine.buffer.count, callFixups: callFixups, parameterCount: parameterCount, localCount: localCount,
            resultCount: resultCount, frameSlots: slots, stackCost: stackCost)
    }

    package mutating func setReachable(_ reachable: Bool) { self.reachable = reachable }

    // MARK: Metering

    package mutating func beginMeteringBlock() {
        guard failure == nil else { return }
        // scratch = cost (written at the block's end); fuel -= scratch, trapping on a borrow
        // (no flags are live between instructions: comparisons are deferred as operands).
        pendingCharges.append(masm.move(patchedConstantInto: Masm.scratch))
        masm.subtract(Masm.scratch, from: Masm.fuel, .i64, branchingOnBorrowTo: trapLabel(.outOfFuel))
    }

    package mutating func endMeteringBlock(cost: UInt64) {
        guard let site = pendingCharges.popLast() else { return }
        masm.patch(site, with: Int64(bitPattern: cost))
    }
}
