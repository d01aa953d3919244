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
        let cond = flags(for: condition, position: conditionPosition)
        // The then branch runs on a copy of the parameters; the else branch finds the originals.
        if p > 0 {
            reserve(p)
            for k in 0..<p { copy64(from: entrySlot(base + k), to: entrySlot(stack.count + k)) }
        }
        masm.branch(if: cond.inverted, to: elseLabel)
        pushSlots(type.parameters)
        controls.append(Control(kind: .ifThen, label: end, elseLabel: elseLabel, base: base, parameters: type.parameters, results: type.results))
    }

    package mutating func elseBlock(endReachable: Bool) {
        guard failure == nil else { return }
        var frame = controls.removeLast()
        if endReachable {
            moveResults(frame)
            masm.jump(to: frame.label)
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
        for k in 0..<r { copy64(from: entrySlot(first + k), to: entrySlot(frame.base + k)) }
    }

    package mutating func endFunction() {
        guard failure == nil else { return }
        let frame = controls.removeLast()
        if reachable { emitReturnValues() }
        masm.bind(frame.label)
        masm.bind(returnLabel)
        // Leave the stack account, pop the frame.
        stackCostPatches.append(masm.binary(.sub, patchedConstantInto: .memory(contextField(JITContextLayout.stackUsed))))
        frameSizePatches.append(masm.binary(.add, patchedConstantInto: .register(Masm.stackPointer)))
        masm.ret()
    }

    /// Writes the function's results (the top `resultCount` entries) to the caller's slots,
    /// changing no allocation.
    mutating func emitReturnValues() {
        guard resultCount > 0 else { return }
        let results = Masm.secondScratch
        load64(argumentPointer, to: results)
        let first = stack.count - resultCount
        for k in 0..<resultCount {
            emitObservedStore(stack[first + k], position: first + k, to: Masm.Address(base: results, displacement: Int32(8 * k)))
        }
    }

    // MARK: Branches

    /// Moves the branch's values into the target's slots and jumps there, changing no
    /// allocation (the code after a conditional branch goes on with the same stack).
    mutating func branch(depth: UInt32) {
        let index = controls.count - 1 - Int(depth)
        if index == 0 {
            emitReturnValues()
            masm.jump(to: returnLabel)
            return
        }
        // The target's fields are read in place: copying the frame would retain its arrays.
        let arity = controls[index].branchArity
        let base = controls[index].base
        let first = stack.count - arity
        for k in 0..<arity {
            emitObservedStore(stack[first + k], position: first + k, to: entrySlot(base + k))
        }
        masm.jump(to: controls[index].label)
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
            let arity = controls[index].branchArity
            if stack.count - arity == controls[index].base {
                // The values are already at the target's positions: put them in their slots
                // and branch on the flags.
                for k in (stack.count - arity)..<stack.count { spill(k) }
                jump(on: condition, position: conditionPosition, ifTrue: true, to: controls[index].label)
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
        let selector = popRegister()
        // One stub per distinct depth (values moved, then the jump), in order of first use,
        // found through `stubIndex` (depths are below the control-stack height, which the
        // translator checked), so a huge table with many targets stays linear.
        var order: [UInt32] = []
        var labels: [Label] = []
        func stub(_ depth: UInt32) -> Label {
            let d = Int(depth)
            if d < stubIndex.count, stubIndex[d] >= 0 { return labels[stubIndex[d]] }
            if d >= stubIndex.count { stubIndex.append(contentsOf: repeatElement(-1, count: d + 1 - stubIndex.count)) }
            let label = masm.makeLabel()
            stubIndex[d] = order.count
            order.append(depth)
            labels.append(label)
            return label
        }
        let defaultStub = stub(defaultDepth)
        masm.compare(selector, .immediate(Int32(truncatingIfNeeded: depths.count)), .i32)
        masm.branch(if: .geU, to: defaultStub)
        if !depths.isEmpty {
            masm.jump(table: depths.map { stub($0) }, index: selector)
        }
        free(selector)
        for depth in order { stubIndex[Int(depth)] = -1 }
        for (depth, label) in zip(order, labels) {
            masm.bind(label)
            branch(depth: depth)
        }
    }

    package mutating func returnFromFunction() {
        guard failure == nil else { return }
        emitReturnValues()
        masm.jump(to: returnLabel)
    }

    package mutating func unreachable() {
        guard failure == nil else { return }
        masm.jump(to: trapLabel(.unreachable))
    }

    /// Calls the helper whose address is at `offset` in the context, which returns 0 or a trap
    /// code (then the function traps with it).
    mutating func callHelper(_ offset: Int32) {
        masm.call(memory: contextField(offset))
        masm.branch(ifZero: false, Masm.result, .i32, to: dynamicTrap)
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
            masm.move(Masm.context, to: Masm.arguments[0], .i64)
            masm.move(constant: Int64(function), to: Masm.arguments[1], .i32, .keepingFlags)
            masm.loadAddress(entrySlot(arguments), to: Masm.arguments[2])
            callHelper(JITContextLayout.callImportHelper)
            loadFuel()
        } else {
            masm.loadAddress(entrySlot(arguments), to: Masm.argumentSlots)
            let at = masm.callToBeLinked()
            callFixups.append(.init(at: at, definedFunction: Int(function) - importedFunctionCount))
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
        reserve(max(r - p, 1))  // the element slot, or the results beyond the arguments
        let selector = Int64(bitPattern: UInt64(table) << 32 | UInt64(typeIndex))
        let direct = masm.makeLabel(), done = masm.makeLabel()
        storeFuel()  // every helper's trap leaves the context's fuel current
        let a = Masm.arguments
        masm.move(Masm.context, to: a[0], .i64)
        masm.move(constant: selector, to: a[1], .i64, .wide)
        masm.load(.u32, from: element, to: a[2], .i32, trap: nil)
        masm.call(memory: contextField(JITContextLayout.resolveIndirectHelper))
        // Above the marker: the entry to call directly; the marker: the slow path; below: a trap code.
        masm.compare(Masm.result, .immediate(Int32(JITContextLayout.indirectSlowPath)), .i64)
        masm.branch(if: .gtU, to: direct)
        masm.branch(if: .ltU, to: dynamicTrap)
        // Slow path: a host function or another instance's code.
        masm.move(Masm.context, to: a[0], .i64)
        masm.move(constant: selector, to: a[1], .i64, .wide)
        masm.loadAddress(entrySlot(arguments), to: a[2])
        masm.load(.u32, from: element, to: a[3], .i32, trap: nil)
        callHelper(JITContextLayout.callIndirectHelper)
        loadFuel()
        masm.jump(to: done)
        masm.bind(direct)
        masm.loadAddress(entrySlot(arguments), to: Masm.argumentSlots)
        masm.call(register: Masm.result)
        masm.bind(done)
        afterCall(arguments: arguments, results: type.results)
    }
}
