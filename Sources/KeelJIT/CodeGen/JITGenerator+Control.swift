import KeelFrontEnd
import KeelRuntime

extension JITGenerator {
    // MARK: Blocks

    package mutating func block(type: FunctionType) {
        guard failure == nil else { return }
        let base = height - type.parameters.count
        let end = masm.makeLabel()
        controls.append(Control(kind: .block, label: end, elseLabel: end, resultBase: base, parameterCount: type.parameters.count, resultCount: type.results.count))
    }

    package mutating func loop(type: FunctionType) {
        guard failure == nil else { return }
        let base = height - type.parameters.count
        let start = masm.makeLabel()
        masm.bind(start)
        controls.append(Control(kind: .loop, label: start, elseLabel: start, resultBase: base, parameterCount: type.parameters.count, resultCount: type.results.count))
    }

    package mutating func ifBlock(type: FunctionType) {
        guard failure == nil else { return }
        let condition = pop()
        let p = type.parameters.count
        let base = height - p
        let end = masm.makeLabel(), elseLabel = masm.makeLabel()
        load(.rax, condition)
        // The then branch runs on a copy of the parameters; the else branch finds the originals.
        reserve(p)
        copySlotsUpward(from: base, to: height, count: p)
        height += p
        enc.test(.rax, .rax, .b32)
        enc.jcc(.e, elseLabel)
        controls.append(Control(kind: .ifThen, label: end, elseLabel: elseLabel, resultBase: base, parameterCount: p, resultCount: type.results.count))
    }

    /// Copies `count` slots to a higher `destination` that does not overlap them.
    mutating func copySlotsUpward(from source: Int, to destination: Int, count: Int) {
        for k in 0..<count {
            load(.rcx, source + k)
            store(.rcx, destination + k)
        }
    }

    package mutating func elseBlock(endReachable: Bool) {
        guard failure == nil else { return }
        var frame = controls.removeLast()
        if endReachable {
            copySlots(from: height - frame.resultCount, to: frame.resultBase, count: frame.resultCount)
            enc.jmp(frame.label)
            frame.branchedTo = true
        }
        masm.bind(frame.elseLabel)
        frame.kind = .ifElse
        height = frame.resultBase + frame.parameterCount
        reachable = true
        controls.append(frame)
    }

    package mutating func end(endReachable: Bool) {
        guard failure == nil else { return }
        let frame = controls.removeLast()
        if endReachable {
            copySlots(from: height - frame.resultCount, to: frame.resultBase, count: frame.resultCount)
        }
        if frame.kind == .ifThen {
            // No else: the parameters (the originals) are the results.
            masm.bind(frame.elseLabel)
        }
        if frame.kind != .loop { masm.bind(frame.label) }
        height = frame.resultBase + frame.resultCount
        reachable = endReachable || (frame.kind != .loop && frame.branchedTo) || frame.kind == .ifThen
    }

    package mutating func endFunction() {
        guard failure == nil else { return }
        let frame = controls.removeLast()
        if reachable { emitReturnCopy() }
        masm.bind(frame.label)
        masm.bind(returnLabel)
        // Leave the stack account, pop the frame.
        stackCostPatches.append(patchableImmediate([0x49, 0x81, 0x6E, UInt8(JITContextLayout.stackUsed)]))  // sub [r14+16], imm32
        frameSizePatches.append(patchableImmediate([0x48, 0x81, 0xC4]))  // add rsp, imm32
        masm.ret()
    }

    /// Writes the function's results (the top `resultCount` slots) to the caller's slots.
    mutating func emitReturnCopy() {
        enc.mov(.rdx, argumentPointer, .b64)
        for k in 0..<resultCount {
            load(.rax, height - resultCount + k)
            enc.mov(Address(.rdx, Int32(8 * k)), .rax, .b64)
        }
    }

    // MARK: Branches

    /// Moves the branch's values into `depth`'s slots and jumps there.
    mutating func branch(depth: UInt32) {
        let index = controls.count - 1 - Int(depth)
        if index == 0 {
            emitReturnCopy()
            enc.jmp(returnLabel)
            return
        }
        let target = controls[index]
        copySlots(from: height - target.branchArity, to: target.resultBase, count: target.branchArity)
        enc.jmp(target.label)
        controls[index].branchedTo = true
    }

    /// Whether a branch to `depth` needs no value moves.
    func branchIsJump(_ depth: UInt32) -> Bool {
        let index = controls.count - 1 - Int(depth)
        if index == 0 { return resultCount == 0 }
        let target = controls[index]
        return target.branchArity == 0 || height - target.branchArity == target.resultBase
    }

    package mutating func br(depth: UInt32) {
        guard failure == nil else { return }
        branch(depth: depth)
    }

    package mutating func brIf(depth: UInt32) {
        guard failure == nil else { return }
        let condition = pop()
        load(.rax, condition)
        enc.test(.rax, .rax, .b32)
        let index = controls.count - 1 - Int(depth)
        if index > 0 && branchIsJump(depth) {
            enc.jcc(.ne, controls[index].label)
            controls[index].branchedTo = true
        } else {
            let skip = masm.makeLabel()
            enc.jcc(.e, skip)
            branch(depth: depth)
            masm.bind(skip)
        }
    }

    package mutating func brTable(depths: [UInt32], defaultDepth: UInt32) {
        guard failure == nil else { return }
        let selector = pop()
        enc.mov(.rax, slot(selector), .b32)
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
        enc.alu(.cmp, .rax, imm: Int32(truncatingIfNeeded: depths.count), .b32)
        enc.jcc(.ae, defaultStub)
        if !depths.isEmpty {
            masm.jump(table: depths.map { stub($0) }, index: .rax)
        }
        for depth in order {
            masm.bind(stubs[depth]!)
            branch(depth: depth)
        }
    }

    package mutating func returnFromFunction() {
        guard failure == nil else { return }
        emitReturnCopy()
        enc.jmp(returnLabel)
    }

    package mutating func unreachable() {
        guard failure == nil else { return }
        enc.jmp(trapLabel(.unreachable))
    }

    // MARK: Calls

    package mutating func call(function: UInt32, type: FunctionType) {
        guard failure == nil else { return }
        let p = type.parameters.count, r = type.results.count
        let arguments = height - p
        reserve(max(p, r))
        enc.lea(.rsi, slot(arguments))
        if Int(function) < importedFunctionCount {
            enc.mov(.rdi, .r14, .b64)
            enc.mov(.rsi, imm: Int64(function), .b32)
            enc.lea(.rdx, slot(arguments))
            enc.call(Address(.r14, JITContextLayout.callImportHelper))
            enc.test(.rax, .rax, .b32)
            enc.jcc(.ne, dynamicTrap)
        } else {
            enc.emitBytes([0xE8, 0, 0, 0, 0])
            callFixups.append(.init(at: masm.offset - 4, definedFunction: Int(function) - importedFunctionCount))
        }
        reloadMemory()
        height = arguments + r
        if height > maxHeight { maxHeight = height }
    }

    package mutating func callIndirect(type: FunctionType, typeIndex: UInt32, table: UInt32) {
        guard failure == nil else { return }
        let element = pop()
        let p = type.parameters.count, r = type.results.count
        let arguments = height - p
        reserve(max(p, r))
        let selector = Int64(bitPattern: UInt64(table) << 32 | UInt64(typeIndex))
        let direct = masm.makeLabel(), done = masm.makeLabel()
        enc.mov(.rdi, .r14, .b64)
        enc.movabs(.rsi, selector)
        enc.mov(.rdx, slot(element), .b32)
        enc.call(Address(.r14, JITContextLayout.resolveIndirectHelper))
        enc.alu(.cmp, .rax, imm: Int32(JITContextLayout.indirectSlowPath), .b64)
        enc.jcc(.a, direct)
        enc.jcc(.b, dynamicTrap)
        // Slow path: a host function or another instance's code.
        enc.mov(.rdi, .r14, .b64)
        enc.movabs(.rsi, selector)
        enc.lea(.rdx, slot(arguments))
        enc.mov(.rcx, slot(element), .b32)
        enc.call(Address(.r14, JITContextLayout.callIndirectHelper))
        enc.test(.rax, .rax, .b32)
        enc.jcc(.ne, dynamicTrap)
        enc.jmp(done)
        masm.bind(direct)
        enc.lea(.rsi, slot(arguments))
        enc.call(.rax)
        masm.bind(done)
        reloadMemory()
        height = arguments + r
        if height > maxHeight { maxHeight = height }
    }
}
