import KeelFrontEnd
import KeelRuntime

/// The x86-64 code generator: implements the front-end's `CodeGenerator` in one pass.
///
/// Values live on a virtual operand stack (`StackEntry`): constants, registers, lazy reads of
/// locals, deferred comparisons, or their canonical frame slot (`[rsp + 8 * (1 + slot)]`:
/// locals first, then the operand stack; `[rsp]` holds the pointer to the caller's argument
/// slots). Registers come from a small pool; when it runs dry the oldest entries are spilled.
/// The hottest locals (by the front-end's loop-weighted use counts) live in registers for the
/// whole function, so joins need no moves: at every label and call the operand stack is in its
/// slots and each local is in its home. Pinned registers: r14 the execution context
/// (`JITContextLayout`), r15 memory 0's base and r12 its size (reloaded after calls and
/// `memory.grow`). Traps are explicit compares branching to out-of-line stubs that restore the
/// trampoline's rsp and return the trap code: no signal is involved.
///
/// Calling convention between JIT functions: rsi points to the caller's argument slots;
/// the callee copies them into its locals and writes its results back there before returning.
/// A call may change every register except rsp, r12, r14 and r15. rsp is 16-byte aligned in
/// function bodies (helpers may be called directly).
package struct JITGenerator: CodeGenerator {
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

    var masm: X64MacroAssembler
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
    var freeGPRs = RegisterSet()
    var freeXMMs = RegisterSet()
    /// The stack index of the entry holding each allocated register (valid while it is held).
    var gprHolder = [Int](repeating: -1, count: 16)

    /// The most slots the frame needs (locals + deepest operand stack + call results).
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
    /// Out-of-line NaN fix-ups: (entry, return point, register, double).
    var nanFixups: [(Label, Label, XMM, Bool)] = []
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

    package static var wantsLocalUsage: Bool { true }
    package mutating func localUsage(_ weights: [UInt32]) { self.weights = weights }

    // MARK: Slots

    @inline(__always)
    func slot(_ index: Int) -> Address { Address(.rsp, Int32(8 * (1 + index))) }
    /// The canonical slot of stack entry `k`.
    @inline(__always)
    func entrySlot(_ k: Int) -> Address { slot(localCount + k) }
    /// The saved pointer to the caller's argument (and result) slots.
    var argumentPointer: Address { Address(.rsp, 0) }

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
        localTypes = type.parameters + locals
        localCount = localTypes.count
        resultCount = type.results.count
        maxHeight = localCount
        homes = RegisterPlan.homes(types: localTypes, weights: weights)
        weights = []
        registerLocals = homes.indices.filter { homes[$0] != .slot }
        dirty = Array(repeating: true, count: localCount)
        lazyCount = Array(repeating: 0, count: localCount)
        stack = []
        spilledBelow = 0
        lazyFloor = 0
        freeGPRs = RegisterSet(RegisterPlan.operandGPRs.map(\.rawValue))
        for r in RegisterPlan.localGPRs where !homes.contains(.gpr(r)) { freeGPRs.insert(r.rawValue) }
        freeXMMs = RegisterSet(RegisterPlan.operandXMMs.map(\.rawValue))
        for x in RegisterPlan.localXMMs where !homes.contains(.xmm(x)) { freeXMMs.insert(x.rawValue) }

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
            let argument = Address(.rsi, Int32(8 * k))
            switch homes[k] {
            case .gpr(let r): enc.mov(r, argument, .b64)
            case .xmm(let x): enc.movs(localTypes[k] == .f64 ? .double : .single, x, argument)
            case .slot:
                enc.mov(.rax, argument, .b64)
                enc.mov(slot(k), .rax, .b64)
            }
        }
        if localCount > parameterCount {
            enc.alu(.xor, .rax, .rax, .b32)
            for k in parameterCount..<localCount {
                switch homes[k] {
                case .gpr(let r): enc.alu(.xor, r, r, .b32)
                case .xmm(let x): enc.packed(.xor, .single, x, x)
                case .slot: enc.mov(slot(k), .rax, .b64)
                }
            }
        }
        let end = masm.makeLabel()
        controls.append(Control(kind: .block, label: end, elseLabel: end, base: 0, parameters: [], results: type.results))
    }

    package mutating func finishFunction(stackCost: Int) throws(CompileError) -> JITFunctionCode {
        if let failure { throw failure }
        // NaN fix-ups: load the canonical NaN and go back.
        for (entry, back, x, double) in nanFixups {
            masm.bind(entry)
            if double {
                enc.movabs(.r11, 0x7FF8_0000_0000_0000)
            } else {
                enc.mov(.r11, imm: 0x7FC0_0000, .b32)
            }
            enc.movd(x, .r11, double ? .b64 : .b32)
            enc.jmp(back)
        }
        // Trap stubs write the fuel register back (a helper's trap leaves the context's fuel
        // current instead), then the shared exit unwinds to the entry trampoline.
        let staticTrap = masm.makeLabel()
        for (code, label) in trapLabels.enumerated() {
            guard let label else { continue }
            masm.bind(label)
            if code == Int(TrapKind.outOfFuel.rawValue) {
                enc.alu(.xor, RegisterPlan.fuel, RegisterPlan.fuel, .b32)
            }
            enc.mov(.rax, imm: Int64(code), .b32)
            enc.jmp(staticTrap)
        }
        masm.bind(staticTrap)
        enc.mov(Address(.r14, JITContextLayout.fuel), RegisterPlan.fuel, .b64)
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
        // movabs r11, cost; sub r13, r11; jb out_of_fuel (no flags are live between
        // instructions: comparisons are deferred as operands).
        enc.emitBytes([0x49, 0xBB, 0, 0, 0, 0, 0, 0, 0, 0])
        pendingCharges.append(masm.offset - 8)
        enc.alu(.sub, RegisterPlan.fuel, .r11, .b64)
        enc.jcc(.b, trapLabel(.outOfFuel))
    }

    package mutating func endMeteringBlock(cost: UInt64) {
        guard let at = pendingCharges.popLast() else { return }
        masm.encoder.buffer.patch32(at: at, UInt32(truncatingIfNeeded: cost))
        masm.encoder.buffer.patch32(at: at + 4, UInt32(truncatingIfNeeded: cost >> 32))
    }
}
