import KeelFrontEnd
import KeelRuntime

extension JITGenerator {
    // MARK: Blocks

    package mutating func block(type: FunctionType) {
        guard failure == nil else { return }
        spillAll()
        let end = masm.makeLabel()
        controls.append(Control(kind: .block, label: end, elseLabel: end, base: stack.count - type.parameters.count, parameters: type.parameters, results: type.results))
    }

    package mutating func loop(type: FunctionType) {
        guard failure == nil else { return }
        spillAll()
        let start = masm.makeLabel()
        masm.bind(start)
        forgetSaves()
        controls.append(Control(kind: .loop, label: start, elseLabel: start, base: stack.count - type.parameters.count, parameters: type.parameters, results: type.results))
    }

    package mutating func ifBlock(type: FunctionType) {
        guard failure == nil else { return }
        let condition = popEntry(), conditionPosition = stack.count
        spillAll()
        let p = type.parameters.count
        let base = stack.count - p
        let end = masm.makeLabel(), elseLabel = masm.makeLabel()
        // Flags first: the copies below may overwrite the condition's slot (moves keep flags).
        let cc = flags(for: condition, position: conditionPosition)
        // The then branch runs on a copy of the parameters; the else branch finds the originals.
        if p > 0 {
            reserve(p)
            for k in 0..<p {
                enc.mov(.r11, entrySlot(base + k), .b64)
                enc.mov(entrySlot(stack.count + k), .r11, .b64)
            }
        }
        enc.jcc(cc.inverted, elseLabel)
        pushSlots(type.parameters)
        controls.append(Control(kind: .ifThen, label: end, elseLabel: elseLabel, base: base, parameters: type.parameters, results: type.results))
    }

    package mutating func elseBlock(endReachable: Bool) {
        guard failure == nil else { return }
        var frame = controls.removeLast()
        if endReachable {
            moveResults(frame)
            enc.jmp(frame.label)
            frame.branchedTo = true
        }
        masm.bind(frame.elseLabel)
        forgetSaves()
        frame.kind = .ifElse
        truncate(to: frame.base)
        pushSlots(frame.parameters)
        reachable = true
        controls.append(frame)
    }

    package mutating func end(endReachable: Bool) {
        guard failure == nil else { return }
        let frame = controls.removeLast()
        let joins = frame.kind == .ifThen || frame.kind == .ifElse || (frame.kind == .block && frame.branchedTo)
        if endReachable && !joins {
            // Only the fall-through reaches the end: the values stay where they are.
            reachable = true
            return
        }
        if endReachable { moveResults(frame) }
        if frame.kind == .ifThen {
            // No else: the parameters (the originals) are the results.
            masm.bind(frame.elseLabel)
        }
        if frame.kind != .loop { masm.bind(frame.label) }
        forgetSaves()
        truncate(to: frame.base)
        pushSlots(frame.results)
        reachable = endReachable || (frame.kind != .loop && frame.branchedTo) || frame.kind == .ifThen
    }

    /// Puts the construct's results (the top entries) in the slots at its base.
    mutating func moveResults(_ frame: Control) {
        spillAll()
        let r = frame.results.count, first = stack.count - r
        guard first != frame.base else { return }
        for k in 0..<r {
            enc.mov(.r11, entrySlot(first + k), .b64)
            enc.mov(entrySlot(frame.base + k), .r11, .b64)
        }
    }

    package mutating func endFunction() {
        guard failure == nil else { return }
        let frame = controls.removeLast()
        if reachable { emitReturnValues() }
        masm.bind(frame.label)
        masm.bind(returnLabel)
        // Leave the stack account, pop the frame.
        stackCostPatches.append(patchableImmediate([0x49, 0x81, 0x6E, UInt8(JITContextLayout.stackUsed)]))  // sub [r14+16], imm32
        frameSizePatches.append(patchableImmediate([0x48, 0x81, 0xC4]))  // add rsp, imm32
        masm.ret()
    }

    /// Writes the function's results (the top `resultCount` entries) to the caller's slots,
    /// changing no allocation.
    mutating func emitReturnValues() {
        guard resultCount > 0 else { return }
        enc.mov(RegisterPlan.scratch2, argumentPointer, .b64)
        let first = stack.count - resultCount
        for k in 0..<resultCount {
            emitObservedStore(stack[first + k], position: first + k, to: Address(RegisterPlan.scratch2, Int32(8 * k)))
        }
    }

    // MARK: Branches

    /// Moves the branch's values into the target's slots and jumps there, changing no
    /// allocation (the code after a conditional branch goes on with the same stack).
    mutating func branch(depth: UInt32) {
        let index = controls.count - 1 - Int(depth)
        if index == 0 {
            emitReturnValues()
            enc.jmp(returnLabel)
            return
        }
        let target = controls[index]
        let arity = target.branchArity
        let first = stack.count - arity
        for k in 0..<arity {
            emitObservedStore(stack[first + k], position: first + k, to: entrySlot(target.base + k))
        }
        enc.jmp(target.label)
        controls[index].branchedTo = true
    }

    package mutating func br(depth: UInt32) {
        guard failure == nil else { return }
        branch(depth: depth)
    }

    package mutating func brIf(depth: UInt32) {
        guard failure == nil else { return }
        let condition = popEntry(), conditionPosition = stack.count
        let index = controls.count - 1 - Int(depth)
        if index > 0 {
            let target = controls[index]
            let arity = target.branchArity
            if stack.count - arity == target.base {
                // The values are already at the target's positions: put them in their slots
                // and branch on the flags.
                for k in (stack.count - arity)..<stack.count { spill(k) }
                jump(on: condition, position: conditionPosition, ifTrue: true, to: target.label)
                controls[index].branchedTo = true
                return
            }
        }
        let skip = masm.makeLabel()
        jump(on: condition, position: conditionPosition, ifTrue: false, to: skip)
        branch(depth: depth)
        masm.bind(skip)
    }

    package mutating func brTable(depths: [UInt32], defaultDepth: UInt32) {
        guard failure == nil else { return }
        let selector = popGPR()
        // One stub per distinct depth (values moved, then the jump).
        var stubs: [UInt32: Label] = [:]
        var order: [UInt32] = []
        func stub(_ depth: UInt32) -> Label {
            if let label = stubs[depth] { return label }
            let label = masm.makeLabel()
            stubs[depth] = label
            order.append(depth)
            return label
        }
        let defaultStub = stub(defaultDepth)
        enc.alu(.cmp, selector, imm: Int32(truncatingIfNeeded: depths.count), .b32)
        enc.jcc(.ae, defaultStub)
        if !depths.isEmpty {
            masm.jump(table: depths.map { stub($0) }, index: selector)
        }
        free(selector)
        for depth in order {
            masm.bind(stubs[depth]!)
            branch(depth: depth)
        }
    }

    package mutating func returnFromFunction() {
        guard failure == nil else { return }
        emitReturnValues()
        enc.jmp(returnLabel)
    }

    package mutating func unreachable() {
        guard failure == nil else { return }
        enc.jmp(trapLabel(.unreachable))
    }

    // MARK: Calls

    package mutating func call(function: UInt32, type: FunctionType) {
        guard failure == nil else { return }
        prepareCall()
        let p = type.parameters.count, r = type.results.count
        let arguments = stack.count - p
        reserve(max(r - p, 0))
        if Int(function) < importedFunctionCount {
            storeFuel()
            enc.mov(.rdi, .r14, .b64)
            enc.mov(.rsi, imm: Int64(function), .b32)
            enc.lea(.rdx, entrySlot(arguments))
            enc.call(Address(.r14, JITContextLayout.callImportHelper))
            enc.test(.rax, .rax, .b32)
            enc.jcc(.ne, dynamicTrap)
            loadFuel()
        } else {
            enc.lea(.rsi, entrySlot(arguments))
            enc.emitBytes([0xE8, 0, 0, 0, 0])
            callFixups.append(.init(at: masm.offset - 4, definedFunction: Int(function) - importedFunctionCount))
        }
        afterCall(arguments: arguments, results: type.results)
    }

    /// After a call: locals and memory 0 reloaded, the arguments replaced by the results.
    mutating func afterCall(arguments: Int, results: [ValueType]) {
        restoreLocals()
        reloadMemory()
        truncate(to: arguments)
        pushSlots(results)
    }

    package mutating func callIndirect(type: FunctionType, typeIndex: UInt32, table: UInt32) {
        guard failure == nil else { return }
        prepareCall()
        _ = popEntry()
        let element = entrySlot(stack.count)
        let p = type.parameters.count, r = type.results.count
        let arguments = stack.count - p
        reserve(max(r - p, 0) + 1)
        let selector = Int64(bitPattern: UInt64(table) << 32 | UInt64(typeIndex))
        let direct = masm.makeLabel(), done = masm.makeLabel()
        storeFuel()  // every helper's trap leaves the context's fuel current
        enc.mov(.rdi, .r14, .b64)
        enc.movabs(.rsi, selector)
        enc.mov(.rdx, element, .b32)
        enc.call(Address(.r14, JITContextLayout.resolveIndirectHelper))
        enc.alu(.cmp, .rax, imm: Int32(JITContextLayout.indirectSlowPath), .b64)
        enc.jcc(.a, direct)
        enc.jcc(.b, dynamicTrap)
        // Slow path: a host function or another instance's code.
        enc.mov(.rdi, .r14, .b64)
        enc.movabs(.rsi, selector)
        enc.lea(.rdx, entrySlot(arguments))
        enc.mov(.rcx, element, .b32)
        enc.call(Address(.r14, JITContextLayout.callIndirectHelper))
        enc.test(.rax, .rax, .b32)
        enc.jcc(.ne, dynamicTrap)
        loadFuel()
        enc.jmp(done)
        masm.bind(direct)
        enc.lea(.rsi, entrySlot(arguments))
        enc.call(.rax)
        masm.bind(done)
        afterCall(arguments: arguments, results: type.results)
    }
}
