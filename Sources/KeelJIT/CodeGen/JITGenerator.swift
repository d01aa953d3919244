import KeelFrontEnd
import KeelRuntime

/// The x86-64 code generator: implements the front-end's `CodeGenerator` in one pass.
///
/// This first version keeps every WebAssembly value in a fixed slot of a native frame
/// (`[rsp + 8 * (1 + slot)]`: locals first, then the operand stack; slot -1 holds the pointer
/// to the caller's argument slots), and computes in rax/rcx/rdx. Pinned registers: r14 the
/// execution context (`JITContextLayout`), r15 memory 0's base and r12 its size (reloaded after
/// calls and `memory.grow`). Traps are explicit compares branching to out-of-line stubs that
/// restore the trampoline's rsp and return the trap code: no signal is involved.
///
/// Calling convention between JIT functions: rsi points to the caller's argument slots;
/// the callee copies them into its locals and writes its results back there before returning.
/// rsp is 16-byte aligned in function bodies (helpers may be called directly).
package struct JITGenerator: CodeGenerator {
    package typealias Output = JITFunctionCode

    enum Kind { case block, loop, ifThen, ifElse }

    struct Control {
        var kind: Kind
        /// Where branches to this construct go (the loop's start, or the end).
        var label: Label
        /// The `else` branch (if), bound at `else` or at the end.
        var elseLabel: Label
        /// First slot of the construct's parameters and results.
        var resultBase: Int
        var parameterCount: Int
        var resultCount: Int
        /// Whether a branch targets the end (so code after it is reachable).
        var branchedTo = false

        var branchArity: Int { kind == .loop ? parameterCount : resultCount }
    }

    var masm: X64MacroAssembler
    var functionIndex = 0
    var importedFunctionCount = 0
    var hasMemory = false
    /// Whether NaN results of arithmetic become the canonical NaN (the contract profile).
    let canonicalizeNaN: Bool
    var parameterCount = 0
    var localCount = 0
    var resultCount = 0
    /// The next free slot (locals occupy 0..<localCount).
    var height = 0
    var maxHeight = 0
    var controls: [Control] = []
    var reachable = true
    /// The first instruction this backend cannot compile yet.
    var failure: CompileError?
    /// Byte offset of the instruction being translated (for errors).
    var instructionOffset: Int?
    /// Offsets of the imm64 of each open fuel charge.
    var pendingCharges: [Int] = []
    /// Offsets of imm32 fields that receive the frame size and the stack cost.
    var frameSizePatches: [Int] = []
    var stackCostPatches: [Int] = []
    var callFixups: [JITFunctionCode.CallFixup] = []
    /// Out-of-line trap stubs, by `TrapKind.rawValue`; `dynamicTrap` expects the code in eax.
    var trapLabels: [Label?] = Array(repeating: nil, count: 16)
    var dynamicTrap: Label
    var trapExit: Label
    var returnLabel: Label

    package init(canonicalizeNaN: Bool, features: CPUFeatures = .host) {
        self.canonicalizeNaN = canonicalizeNaN
        masm = X64MacroAssembler(buffer: CodeBuffer(capacity: 1024), features: features)
        dynamicTrap = masm.makeLabel()
        trapExit = masm.makeLabel()
        returnLabel = masm.makeLabel()
    }

    var enc: X64Encoder {
        get { masm.encoder }
        _modify { yield &masm.encoder }
    }

    // MARK: Slots

    @inline(__always)
    func slot(_ index: Int) -> Address { Address(.rsp, Int32(8 * (1 + index))) }
    /// The saved pointer to the caller's argument (and result) slots.
    var argumentPointer: Address { Address(.rsp, 0) }

    @inline(__always)
    mutating func push() -> Int {
        let s = height
        height += 1
        if height > maxHeight { maxHeight = height }
        return s
    }

    @inline(__always)
    mutating func pop() -> Int {
        height -= 1
        return height
    }

    mutating func reserve(_ count: Int) {
        if height + count > maxHeight { maxHeight = height + count }
    }

    mutating func load(_ register: GPR, _ slotIndex: Int) { enc.mov(register, slot(slotIndex), .b64) }
    mutating func store(_ register: GPR, _ slotIndex: Int) { enc.mov(slot(slotIndex), register, .b64) }

    /// Copies `count` slots from `source` to `destination` (destination ≤ source).
    mutating func copySlots(from source: Int, to destination: Int, count: Int) {
        guard source != destination else { return }
        for k in 0..<count {
            load(.rax, source + k)
            store(.rax, destination + k)
        }
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

    /// A patchable `op r/m64, imm32` (always the 4-byte immediate form); returns the offset
    /// of the immediate.
    mutating func patchableImmediate(_ bytes: [UInt8]) -> Int {
        enc.emitBytes(bytes + [0, 0, 0, 0])
        return masm.offset - 4
    }

    /// Reloads memory 0's base and size after anything that may have grown it.
    mutating func reloadMemory() {
        guard hasMemory else { return }
        enc.mov(.r11, Address(.r14, JITContextLayout.memory0View), .b64)
        enc.mov(.r15, Address(.r11, 0), .b64)
        enc.mov(.r12, Address(.r11, 8), .b64)
    }

    // MARK: Function

    package mutating func beginFunction(index: Int, type: FunctionType, locals: [ValueType], module: ModuleInfo) {
        functionIndex = index
        importedFunctionCount = module.importedFunctionCount
        hasMemory = !module.memories.isEmpty
        parameterCount = type.parameters.count
        localCount = parameterCount + locals.count
        resultCount = type.results.count
        height = localCount
        maxHeight = localCount
        // sub rsp, frame
        frameSizePatches.append(patchableImmediate([0x48, 0x81, 0xEC]))
        enc.mov(argumentPointer, .rsi, .b64)
        // Stack account: used + cost must not pass the limit.
        enc.mov(.rax, Address(.r14, JITContextLayout.stackUsed), .b64)
        stackCostPatches.append(patchableImmediate([0x48, 0x05]))  // add rax, imm32
        enc.alu(.cmp, .rax, Address(.r14, JITContextLayout.stackLimit), .b64)
        enc.jcc(.a, trapLabel(.callStackExhausted))
        enc.mov(Address(.r14, JITContextLayout.stackUsed), .rax, .b64)
        for k in 0..<parameterCount {
            enc.mov(.rax, Address(.rsi, Int32(8 * k)), .b64)
            store(.rax, k)
        }
        if localCount > parameterCount {
            enc.alu(.xor, .rax, .rax, .b32)
            for k in parameterCount..<localCount { store(.rax, k) }
        }
        let end = masm.makeLabel()
        controls.append(Control(kind: .block, label: end, elseLabel: end, resultBase: localCount, parameterCount: 0, resultCount: resultCount))
    }

    package mutating func finishFunction(stackCost: Int) throws(CompileError) -> JITFunctionCode {
        if let failure { throw failure }
        // Trap stubs, then the shared exit that unwinds to the entry trampoline.
        for (code, label) in trapLabels.enumerated() {
            guard let label else { continue }
            masm.bind(label)
            if code == Int(TrapKind.outOfFuel.rawValue) {
                enc.mov(Address(.r14, JITContextLayout.fuel), imm: 0, .b64)
            }
            enc.mov(.rax, imm: Int64(code), .b32)
            enc.jmp(trapExit)
        }
        masm.bind(dynamicTrap)
        masm.bind(trapExit)
        enc.mov(.rsp, Address(.r14, JITContextLayout.savedStackPointer), .b64)
        masm.epilogue(saving: X64TrapFrame.saved, frameBytes: 0)
        masm.ret()
        let machine: MachineCode
        do {
            machine = try masm.finish()
        } catch {
            throw CompileError(.limit, "jit code generation failed: \(error)", functionIndex: functionIndex)
        }
        // Frame: the argument pointer plus every slot, with rsp ≡ 0 (mod 16) after the
        // return address (frame ≡ 8 mod 16).
        let slots = maxHeight + 1
        var frameBytes = 8 * slots
        if frameBytes % 16 == 0 { frameBytes += 8 }
        guard frameBytes <= Int(Int32.max), stackCost <= Int(Int32.max) else {
            throw CompileError(.limit, "jit frame of \(slots) slots is too large", functionIndex: functionIndex)
        }
        for at in frameSizePatches { machine.buffer.patch32(at: at, UInt32(frameBytes)) }
        for at in stackCostPatches { machine.buffer.patch32(at: at, UInt32(stackCost)) }
        return JITFunctionCode(
            bytes: machine.buffer.bytes, callFixups: callFixups, parameterCount: parameterCount, localCount: localCount,
            resultCount: resultCount, frameSlots: slots, stackCost: stackCost)
    }

    package mutating func setReachable(_ reachable: Bool) { self.reachable = reachable }

    // MARK: Metering

    package mutating func beginMeteringBlock() {
        guard failure == nil else { return }
        // movabs r11, cost; sub [r14 + fuel], r11; jb out_of_fuel
        enc.emitBytes([0x49, 0xBB, 0, 0, 0, 0, 0, 0, 0, 0])
        pendingCharges.append(masm.offset - 8)
        enc.alu(.sub, Address(.r14, JITContextLayout.fuel), .r11, .b64)
        enc.jcc(.b, trapLabel(.outOfFuel))
    }

    package mutating func endMeteringBlock(cost: UInt64) {
        guard let at = pendingCharges.popLast() else { return }
        masm.encoder.buffer.patch32(at: at, UInt32(truncatingIfNeeded: cost))
        masm.encoder.buffer.patch32(at: at + 4, UInt32(truncatingIfNeeded: cost >> 32))
    }
}
