import KeelFrontEnd

/// Translates validated WebAssembly into the interpreter's register-based internal code.
///
/// Frame layout: slots `[0, localCount)` hold parameters and locals, then operand-stack
/// position `p` lives in slot `localCount + p`. A call's arguments are the caller's top stack
/// slots, which become the callee's first slots, so calls copy nothing.
package struct InterpreterGenerator: CodeGenerator {
    package typealias Output = CompiledFunction

    var code: [Inst] = []
    var stack: [Operand] = []
    var labels: [Label] = []
    var parameterCount = 0
    var localCount = 0
    var resultCount = 0
    var maxHeight = 0
    var reachable = true
    /// The function being translated (for errors).
    var functionIndex = 0
    /// Every stack entry below this position is `.slot`.
    var virtualLow = 0
    /// Pending deferred `local.get`s per local.
    var deferredReads: [Int32] = []
    /// The last instruction wrote its result to the home slot of this stack position, and no
    /// label was bound since: `local.set` may retarget it.
    var lastProducer: (index: Int, position: Int)?
    /// NaN-producing float arithmetic uses its canonicalizing form.
    let canonicalizeNaN: Bool
    /// The charge instruction of the open metering block.
    var meteringCharge: Int?
    /// Branches bound to `position` (the current end of the code) since the last instruction:
    /// if a block charge is emitted there, they are moved past it and charge it themselves.
    var recentlyBound: (position: Int, sites: [PatchSite]) = (-1, [])
    /// Index of the last conditional branch emitted (to fold the next block's charge into it).
    var lastConditionalBranch = -1
    /// For each stack position, the canonicalizing instruction that produced the value there, if
    /// any: the front-end's `elideCanonicalization(operand:)` switches it to its plain form.
    var canonicalProducer: [(index: Int, op: NumericOp)?] = []
    /// The slot the last instruction wrote and the register its handler passes that value on in
    /// (nil after anything else, and at every label): the next instruction may read it from the
    /// register instead (see `Op.readingAccumulator`).
    var accumulator: (slot: UInt32, kind: AccumulatorKind)?
    /// `accumulator` as it was before the last instruction was appended (restored when that
    /// instruction is removed again).
    var accumulatorBeforeLast: (slot: UInt32, kind: AccumulatorKind)?
    /// Functions below this index are imports (called through `call`; the others through
    /// `callLocal`, which keeps the instance and its memory).
    let importedFunctionCount: Int

    package init(canonicalizeNaN: Bool = false, importedFunctionCount: Int) {
        self.canonicalizeNaN = canonicalizeNaN
        self.importedFunctionCount = importedFunctionCount
    }

    // MARK: Slots and emission

    @inline(__always) func home(_ position: Int) -> UInt32 { UInt32(localCount + position) }

    @discardableResult
    mutating func emit(_ inst: Inst) -> Int {
        append(inst, producing: false)
        lastProducer = nil
        return code.count - 1
    }

    /// Emits an instruction followed by the extension word carrying its 64-bit constant; returns
    /// the instruction's index.
    @discardableResult
    mutating func emit(_ inst: Inst, extensionWord bits: UInt64) -> Int {
        let index = emit(inst)
        let passed = accumulator
        emit(Inst(wide: bits))
        // The extension word is skipped: the value passes straight to what comes next.
        accumulator = passed
        return index
    }

    /// Emits an instruction whose `a` operand is the result slot of the value now pushed.
    mutating func emitProducing(_ inst: Inst) {
        push(.slot)
        append(inst, producing: true)
        lastProducer = (code.count - 1, stack.count - 1)
    }

    /// Appends `inst`, in its form reading the accumulator when one of its operands is the
    /// value the previous instruction just wrote, and notes what it passes on. When that value
    /// is a temporary this instruction consumes (its stack position is popped, or overwritten by
    /// this instruction's result, and no other operand names its slot), the previous
    /// instruction stops writing it: it only passes it on (its `...Tmp` form).
    /// `producing`: `inst` writes the value now on top of the stack.
    mutating func append(_ inst: Inst, producing: Bool) {
        var inst = inst
        accumulatorBeforeLast = accumulator
        if let accumulator {
            let slot = accumulator.slot
            for field in 0..<3 where inst.field(field) == slot {
                guard let form = inst.op.readingAccumulator(field: field, kind: accumulator.kind) else { continue }
                inst.setOp(form)
                // Field a of an instruction that passes its result is that result's slot.
                var onlyReader = true
                for other in 0..<3 where other != field && inst.field(other) == slot {
                    if !(other == 0 && producing && form.passedAccumulator != nil) { onlyReader = false }
                }
                if slot >= localCount, onlyReader {
                    let position = Int(slot) - localCount
                    let consumed = position >= stack.count || producing && position == stack.count - 1 && inst.a == slot
                    if consumed { discardResult(ofProducerBefore: code.count) }
                }
                break
            }
        }
        if fuseCopy(inst) || fuseLoad(inst) || fuseShift(inst) || fuseIncrementedLoad(inst) { return }
        code.append(inst)
        accumulator = inst.op.passedAccumulator.map { (inst.a, $0) }
    }

    /// Merges a memory-0 load whose result only `inst` reads (the load is a `...Tmp` form and
    /// `inst` reads the accumulator) into `inst` as its memory operand: the load's address slot
    /// goes to `x` (with the shift of a scaled address), its offset to `c`, and `inst`'s other
    /// operand to `b`.
    mutating func fuseLoad(_ inst: Inst) -> Bool {
        guard let load = code.last, let op = inst.op.withMemoryOperand(load.op) else { return false }
        let address: UInt16
        if load.op.isScaledLoad {
            // Slot and shift packed in `x`: 13 and 3 bits.
            guard load.b < 1 << 13, load.x < 1 << 3 else { return false }
            address = UInt16(load.b) | load.x << 13
        } else {
            guard let slot = UInt16(exactly: load.b) else { return false }
            address = slot
        }
        replaceProducer(of: inst, with: op, x: address, c: load.c)
        return true
    }

    /// Replaces the last instruction, whose result `inst` reads from the accumulator, with `op`
    /// doing both: `inst`'s result slot in `a`, its other operand in `b`, the producer's operand
    /// in `x` and `c`.
    mutating func replaceProducer(of inst: Inst, with op: Op, x: UInt16, c: UInt32) {
        let other = inst.op.readsAccumulatorInB ? inst.c : inst.b
        code[code.count - 1] = Inst(op, x: x, a: inst.a, b: other, c: c)
        accumulator = op.passedAccumulator.map { (inst.a, $0) }
    }

    /// Merges a shift or rotate by a constant whose result only `inst` reads (its `...Tmp` form,
    /// reading a slot) into `inst` as a shifted operand: the shift's operand slot goes to `x`,
    /// its amount to `c`, and `inst`'s other operand to `b`.
    mutating func fuseShift(_ inst: Inst) -> Bool {
        guard let shift = code.last, let op = inst.op.withShiftedOperand(shift.op),
              let source = UInt16(exactly: shift.b) else { return false }
        replaceProducer(of: inst, with: op, x: source, c: shift.c)
        return true
    }

    /// Merges an in-place `i32.add` of a 16-bit immediate into the load just after it that reads
    /// the sum as its address (`...Inc`: a pointer stepped, then read through).
    mutating func fuseIncrementedLoad(_ inst: Inst) -> Bool {
        guard let op = inst.op.preIncrementing, let add = code.last, add.op.storingResult == .i32AddImm,
              add.a == add.b, inst.b == add.a, let step = Int16(exactly: Int32(bitPattern: add.c)) else { return false }
        code[code.count - 1] = Inst(op, x: UInt16(bitPattern: step), a: inst.a, b: add.a, c: inst.c)
        accumulator = op.passedAccumulator.map { (inst.a, $0) }
        return true
    }

    /// Merges a copy into the copy just before it (`copy2`), when nothing can branch between
    /// them: the accumulator still holds the previous copy's value, which no label allows. A
    /// copy of an `i32AddImm`'s sum becomes a second destination of the add.
    mutating func fuseCopy(_ inst: Inst) -> Bool {
        // A copy of the sum an `i32AddImm` just wrote (not a temporary it only passed on).
        if inst.op == .copyAccB, let last = code.last, last.op == .i32AddImm, last.a == inst.b,
           let destination = UInt16(exactly: inst.a) {
            code[code.count - 1] = Inst(.i32AddImmCopy, x: destination, a: last.a, b: last.b, c: last.c)
            accumulator = (inst.a, .integer)
            return true
        }
        guard inst.op == .copy || inst.op == .copyAccB, let source = UInt16(exactly: inst.b),
              let last = code.last, last.op == .copy || last.op == .copyAccB,
              let accumulator, accumulator.slot == last.a
        else { return false }
        // The second copy reads its source after the first one's write, so it always reads the slot.
        code[code.count - 1] = Inst(last.op == .copy ? .copy2 : .copy2AccB, x: source, a: last.a, b: last.b, c: inst.a)
        self.accumulator = (inst.a, .integer)
        return true
    }

    /// The instruction whose result the instruction at `index` reads from the accumulator:
    /// the one before it, or the one before an extension word.
    func producer(before index: Int) -> Int {
        index >= 2 && code[index - 2].op.hasExtensionWord ? index - 2 : index - 1
    }

    /// Lets the producer before `index` pass its result without writing its slot.
    mutating func discardResult(ofProducerBefore index: Int) {
        let producer = producer(before: index)
        if let form = code[producer].op.discardingResult { code[producer].setOp(form) }
    }

    /// Makes the producer before `index` write its result slot again (the instruction at
    /// `index` is about to read it from the slot instead of the accumulator).
    mutating func storeResult(ofProducerBefore index: Int) {
        guard index > 0 else { return }
        let producer = producer(before: index)
        code[producer].setOp(code[producer].op.storingResult)
    }

    /// Removes the last instruction (and what it passed in the accumulator).
    mutating func removeLast() {
        code.removeLast()
        storeResult(ofProducerBefore: code.count)
        accumulator = accumulatorBeforeLast
        accumulatorBeforeLast = nil
    }

    mutating func push(_ operand: Operand) {
        switch operand {
        case .slot:
            break
        case .local(let index):
            deferredReads[Int(index)] += 1
            virtualLow = min(virtualLow, stack.count)
        case .sum(let base, _, _):
            if base < localCount { deferredReads[Int(base)] += 1 }
            virtualLow = min(virtualLow, stack.count)
        case .constant:
            virtualLow = min(virtualLow, stack.count)
        }
        stack.append(operand)
        maxHeight = max(maxHeight, stack.count)
        if canonicalizeNaN {
            if canonicalProducer.count < stack.count { canonicalProducer.append(nil) } else { canonicalProducer[stack.count - 1] = nil }
        }
    }

    @discardableResult
    mutating func pop() -> Operand {
        let operand = stack.removeLast()
        if canonicalizeNaN { canonicalProducer[stack.count] = nil }
        if case .local(let index) = operand { deferredReads[Int(index)] -= 1 }
        if case .sum(let base, _, _) = operand, base < localCount { deferredReads[Int(base)] -= 1 }
        virtualLow = min(virtualLow, stack.count)
        return operand
    }

    /// Writes the value at `position` to its home slot.
    mutating func materialize(_ position: Int) {
        switch stack[position] {
        case .slot: return
        case .local(let index):
            deferredReads[Int(index)] -= 1
            emit(Inst(.copy, a: home(position), b: index))
        case .constant(let bits):
            emitConstant(bits, into: home(position))
        case .sum(let base, let constant, let shift):
            if base < localCount { deferredReads[Int(base)] -= 1 }
            emitAddress(base: base, constant: constant, shift: shift, into: home(position))
        }
        stack[position] = .slot
    }

    /// Computes a deferred `.sum` into `slot`.
    mutating func emitAddress(base: UInt32, constant: UInt32, shift: UInt32, into slot: UInt32) {
        if shift == 0 {
            emit(Inst(.i32AddImm, a: slot, b: base, c: constant))
            return
        }
        emit(Inst(.i32ShlImm, a: slot, b: base, c: shift))
        if constant != 0 { emit(Inst(.i32AddImm, a: slot, b: slot, c: constant)) }
    }

    mutating func emitConstant(_ bits: UInt64, into slot: UInt32) {
        if bits <= UInt64(UInt32.max) {
            emit(Inst(.const32, a: slot, b: UInt32(bits)))
        } else {
            emit(Inst(.const64, a: slot, b: UInt32(truncatingIfNeeded: bits), c: UInt32(truncatingIfNeeded: bits >> 32)))
        }
    }

    /// Materializes every deferred value on the stack (at control-flow boundaries).
    mutating func flush() {
        for position in virtualLow..<stack.count { materialize(position) }
        virtualLow = stack.count
    }

    /// Materializes the top `count` values.
    mutating func materializeTop(_ count: Int) {
        for position in (stack.count - count)..<stack.count { materialize(position) }
    }

    /// The slot holding the value at `position`, materializing constants.
    mutating func slot(of position: Int) -> UInt32 {
        switch stack[position] {
        case .slot: return home(position)
        case .local(let index): return index
        case .constant, .sum:
            materialize(position)
            return home(position)
        }
    }

    /// Pops the top value and returns the slot holding it.
    mutating func popSlot() -> UInt32 {
        let s = slot(of: stack.count - 1)
        pop()
        return s
    }

    // MARK: Labels

    /// Branch operands are offsets relative to the branch instruction itself.
    mutating func bind(_ site: PatchSite, to target: Int) {
        let value = UInt32(bitPattern: Int32(target - site.index))
        switch site.field {
        case .a: code[site.index].a = value
        case .b: code[site.index].b = value
        case .c: code[site.index].c = value
        }
    }

    /// Marks the current code position as a branch target.
    mutating func bindHere(_ sites: [PatchSite]) {
        for site in sites { bind(site, to: code.count) }
        noteBound(sites)
        lastProducer = nil
    }

    /// Remembers branches just bound to the current position (see `recentlyBound`).
    mutating func noteBound(_ sites: [PatchSite]) {
        accumulator = nil
        if recentlyBound.position != code.count { recentlyBound = (code.count, []) }
        recentlyBound.sites += sites
    }

    /// Emits a jump to the label `depth` levels out; `field` of instruction `index` gets the target.
    mutating func jump(to depth: UInt32, site: PatchSite) {
        let target = labels.count - 1 - Int(depth)
        if labels[target].kind == .loop {
            bind(site, to: labels[target].loopStart)
        } else {
            labels[target].pending.append(site)
            labels[target].endReachable = true
        }
    }

    /// Whether a branch to `depth` needs to move values (they are not already where the label
    /// expects them). Values already in their home slots at the right height need nothing.
    func needsMoves(_ depth: UInt32) -> Bool {
        let label = labels[labels.count - 1 - Int(depth)]
        let arity = label.arity
        return arity > 0 && label.height != stack.count - arity
    }

    /// Copies the top `arity` values to the slots of the label `depth` levels out.
    mutating func emitMoves(to depth: UInt32) {
        let label = labels[labels.count - 1 - Int(depth)]
        let arity = label.arity
        let first = stack.count - arity
        for k in 0..<arity {
            let destination = home(label.height + k)
            switch stack[first + k] {
            case .slot:
                if destination != home(first + k) { emit(Inst(.copy, a: destination, b: home(first + k))) }
            case .local(let index):
                emit(Inst(.copy, a: destination, b: index))
            case .constant(let bits):
                emitConstant(bits, into: destination)
            case .sum(let base, let constant, let shift):
                emitAddress(base: base, constant: constant, shift: shift, into: destination)
            }
        }
    }

    /// Emits the branch to label `depth` (a return when it is the function's label).
    mutating func emitBranch(to depth: UInt32) {
        if Int(depth) == labels.count - 1 {
            returnFromFunction()
            return
        }
        if needsMoves(depth) {
            emitMoves(to: depth)
        } else {
            materializeTop(labels[labels.count - 1 - Int(depth)].arity)
        }
        let index = emit(Inst(chargesTarget(depth) ? .brCharged : .br))
        jump(to: depth, site: PatchSite(index: index, field: .a))
    }

    // MARK: CodeGenerator

    /// The interpreter needs no module facts: its values are untyped slots.
    package mutating func beginFunction(index: Int, type: FunctionType, locals: [ValueType], module: ModuleInfo) {
        functionIndex = index
        parameterCount = type.parameters.count
        localCount = parameterCount + locals.count
        resultCount = type.results.count
        deferredReads = Array(repeating: 0, count: localCount)
        labels = [Label(kind: .function, height: 0, parameterCount: 0, resultCount: resultCount)]
        if localCount > parameterCount {
            emit(Inst(.zeroLocals, a: UInt32(parameterCount), b: UInt32(localCount - parameterCount)))
        }
    }

    package mutating func finishFunction(stackCost: Int) throws(CompileError) -> CompiledFunction {
        // The deterministic stack cost bounds the physical frame (docs/determinism.md, section
        // 4): the value stack is sized from the limit, so a larger frame could outrun it.
        guard localCount + maxHeight <= stackCost - CallStack.frameOverhead else {
            throw CompileError(
                .limit, "internal error: an interpreter frame of \(localCount + maxHeight) slots exceeds the stack cost \(stackCost)",
                functionIndex: functionIndex)
        }
        return CompiledFunction(
            code: code, parameterCount: parameterCount, localCount: localCount, resultCount: resultCount,
            frameSize: localCount + maxHeight, stackCost: stackCost)
    }

    package mutating func setReachable(_ reachable: Bool) {
        self.reachable = reachable
    }

    package mutating func beginMeteringBlock() {
        let charge = emit(Inst(.fuel))
        meteringCharge = charge
        // A conditional branch just before: its fall-through is this block, so let it charge
        // the block when not taken and skip the charge (one dispatch fewer per fall-through).
        // The charge instruction stays for everything else that reaches it.
        if charge > 0, lastConditionalBranch == charge - 1, let form = code[charge - 1].op.withoutAccumulator.chargingNext {
            storeResult(ofProducerBefore: charge - 1)
            code[charge - 1].setOp(form)
        }
        // Branches that land on this charge: move them past it and let them charge it when
        // taken (one dispatch fewer per taken branch; the charge runs on fall-through only).
        if recentlyBound.position == charge {
            for site in recentlyBound.sites where code[site.index].op.withoutAccumulator.charged != nil {
                makeCharged(site.index)
                bind(site, to: charge + 1)
            }
        }
        recentlyBound = (-1, [])
        // A loop's header block: move the loop's branch target past the charge; back-edges
        // charge the header when taken, so an iteration costs no separate charge instruction.
        // The loop may be the innermost label or enclose blocks that begin at the same place.
        var depth = labels.count - 1
        while depth > 0, labels[depth].start == charge {
            if labels[depth].kind == .loop {
                labels[depth].loopStart = charge + 1
                labels[depth].chargedByBackEdges = true
                break
            }
            depth -= 1
        }
    }

    /// Whether a branch to `depth` must charge its target loop's header.
    func chargesTarget(_ depth: UInt32) -> Bool {
        labels[labels.count - 1 - Int(depth)].chargedByBackEdges
    }

    /// Replaces the branch at `index` with its charging form.
    mutating func makeCharged(_ index: Int) {
        storeResult(ofProducerBefore: index)
        code[index].setOp(code[index].op.withoutAccumulator.charged!)
    }

    package mutating func endMeteringBlock(cost: UInt64) {
        guard let index = meteringCharge else { return }
        code[index].a = UInt32(truncatingIfNeeded: cost)
        code[index].b = UInt32(truncatingIfNeeded: cost >> 32)
        meteringCharge = nil
    }

    // The interpreter's values are untyped slots: it uses block signatures' counts only, and
    // ignores the value types and reachability the front-end passes.
    package mutating func block(type: FunctionType) { block(parameterCount: type.parameters.count, resultCount: type.results.count) }
    package mutating func loop(type: FunctionType) { loop(parameterCount: type.parameters.count, resultCount: type.results.count) }
    package mutating func ifBlock(type: FunctionType) { ifBlock(parameterCount: type.parameters.count, resultCount: type.results.count) }
    package mutating func elseBlock(endReachable: Bool) { elseBlock() }
    package mutating func end(endReachable: Bool) { end() }
    package mutating func select(type: ValueType) { select() }
    package mutating func localGet(_ index: UInt32, type: ValueType) { localGet(index) }
    package mutating func localSet(_ index: UInt32, type: ValueType) { localSet(index) }
    package mutating func localTee(_ index: UInt32, type: ValueType) { localTee(index) }
    package mutating func globalGet(_ index: UInt32, type: GlobalType) { globalGet(index) }
    package mutating func globalSet(_ index: UInt32, type: GlobalType) { globalSet(index) }

    mutating func block(parameterCount: Int, resultCount: Int) {
        flush()
        labels.append(Label(kind: .block, height: stack.count - parameterCount, parameterCount: parameterCount, resultCount: resultCount, start: code.count))
        lastProducer = nil
        // A block's start is no branch target (branches to a block land at its end): the
        // accumulator stays valid into it.
    }

    mutating func loop(parameterCount: Int, resultCount: Int) {
        flush()
        labels.append(Label(kind: .loop, height: stack.count - parameterCount, parameterCount: parameterCount, resultCount: resultCount, loopStart: code.count, start: code.count))
        lastProducer = nil
        accumulator = nil
    }

    mutating func ifBlock(parameterCount: Int, resultCount: Int) {
        let condition = stack.count - 1
        let fused = parameterCount > 0 ? nil : fusibleCondition(condition)
        var conditionSlot = fused == nil ? slot(of: condition) : 0
        let before = code.count
        pop()
        flush()
        var label = Label(kind: .if, height: stack.count - parameterCount, parameterCount: parameterCount, resultCount: resultCount)
        if parameterCount > 0 {
            // The parameter copies below overwrite the slots above the stack: move a condition
            // living there out of their way first.
            if conditionSlot >= home(stack.count) {
                let scratch = home(stack.count + parameterCount)
                emit(Inst(.copy, a: scratch, b: conditionSlot))
                conditionSlot = scratch
                maxHeight = max(maxHeight, stack.count + parameterCount + 1)
            }
            // The then-branch may overwrite its parameters, which the else-branch needs too:
            // run both branches on copies placed above the originals.
            let originals = stack.count - parameterCount
            for k in 0..<parameterCount {
                emit(Inst(.copy, a: home(stack.count), b: home(originals + k)))
                push(.slot)
            }
            label.savedParametersAt = originals
            label.height = originals + parameterCount
        }
        let branchIndex: Int
        if let fused, code.count == before {
            branchIndex = emitFusedBranch(fused, whenTrue: false)
        } else {
            let s = fused.map { restoreFusedCondition($0) } ?? conditionSlot
            branchIndex = emit(Inst(.brIfEqz, a: s))
        }
        lastConditionalBranch = branchIndex
        label.elseBranch = PatchSite(index: branchIndex, field: targetField(of: branchIndex))
        labels.append(label)
    }

    mutating func elseBlock() {
        var label = labels.removeLast()
        if reachable {
            materializeTop(label.resultCount)
            let index = emit(Inst(.br))
            label.pending.append(PatchSite(index: index, field: .a))
            label.endReachable = true
        }
        if let site = label.elseBranch {
            bind(site, to: code.count)
            noteBound([site])
        }
        label.elseBranch = nil
        lastProducer = nil
        accumulator = nil
        stack.removeSubrange(label.height...)
        virtualLow = min(virtualLow, stack.count)
        if let saved = label.savedParametersAt {
            for k in 0..<label.parameterCount {
                emit(Inst(.copy, a: home(label.height + k), b: home(saved + k)))
            }
        }
        for _ in 0..<label.parameterCount { push(.slot) }
        label.kind = .else
        labels.append(label)
        reachable = true
    }

    mutating func end() {
        var label = labels.removeLast()
        if reachable {
            materializeTop(label.resultCount)
            label.endReachable = true
        }
        if label.kind == .if, let site = label.elseBranch {
            // No else: the false path carries the parameters, already in place, as results.
            label.pending.append(site)
            label.endReachable = true
        }
        if label.kind == .loop {
            lastProducer = nil
            accumulator = nil
        } else {
            bindHere(label.pending)
        }
        stack.removeSubrange(label.height...)
        virtualLow = min(virtualLow, stack.count)
        if let saved = label.savedParametersAt {
            for k in 0..<label.resultCount where label.endReachable {
                emit(Inst(.copy, a: home(saved + k), b: home(label.height + k)))
            }
            stack.removeSubrange(saved...)
            virtualLow = min(virtualLow, stack.count)
        }
        for _ in 0..<label.resultCount { push(.slot) }
        reachable = label.endReachable
    }

    package mutating func endFunction() {
        if reachable { returnFromFunction() }
    }

    package mutating func br(depth: UInt32) {
        emitBranch(to: depth)
    }

    package mutating func brIf(depth: UInt32) {
        let condition = stack.count - 1
        let fused = fusibleCondition(condition)
        let conditionSlot = fused == nil ? slot(of: condition) : 0
        pop()
        let isReturn = Int(depth) == labels.count - 1
        if !isReturn && !needsMoves(depth) {
            let before = code.count
            materializeTop(labels[labels.count - 1 - Int(depth)].arity)
            var index: Int
            if let fused, code.count == before {
                index = emitFusedBranch(fused, whenTrue: true)
            } else {
                let s = fused.map { restoreFusedCondition($0) } ?? conditionSlot
                index = emit(Inst(.brIfNez, a: s))
            }
            index = fuseIncrement(into: index)
            index = fuseLoadedTest(into: index)
            let field = targetField(of: index)
            lastConditionalBranch = index
            if chargesTarget(depth) { makeCharged(index) }
            jump(to: depth, site: PatchSite(index: index, field: field))
            return
        }
        // Values must move (or the branch returns): skip over the moves when not taken. The
        // carried values go to their slots first, on both paths: materialized on the taken path
        // only, the fall-through would take them for slots they never reached (found by
        // fuzz-diff: a value kept by a not-taken `br_if 0` to the function was lost).
        materializeTop(isReturn ? resultCount : labels[labels.count - 1 - Int(depth)].arity)
        let s = fused.map { restoreFusedCondition($0) } ?? conditionSlot
        let skip = emit(Inst(.brIfEqz, a: s))
        emitBranch(to: depth)
        bindHere([PatchSite(index: skip, field: .b)])
    }

    package mutating func brTable(depths: [UInt32], defaultDepth: UInt32) {
        let index = popSlot()
        let all = depths + [defaultDepth]
        // Values that only need materializing go to their home slots once, before the table.
        if let first = all.first {
            materializeTop(labels[labels.count - 1 - Int(first)].arity)
        }
        let table = emit(Inst(.brTable, a: index, b: UInt32(depths.count)))
        for _ in all { emit(Inst(.unreachable)) }
        for (k, depth) in all.enumerated() {
            let site = PatchSite(index: table + 1 + k, field: .a)
            if Int(depth) == labels.count - 1 || needsMoves(depth) || chargesTarget(depth) {
                bind(site, to: code.count)
                emitBranch(to: depth)
            } else {
                jump(to: depth, site: site)
            }
        }
    }

    package mutating func returnFromFunction() {
        let count = resultCount
        if count == 0 {
            emit(Inst(.ret, a: 0, b: 0))
            return
        }
        if count == 1, case .local(let index) = stack[stack.count - 1] {
            emit(Inst(.ret1, a: index))
            return
        }
        materializeTop(count)
        emit(Inst(count == 1 ? .ret1 : .ret, a: home(stack.count - count), b: UInt32(count)))
    }

    package mutating func unreachable() {
        emit(Inst(.unreachable))
    }

    package mutating func call(function: UInt32, type: FunctionType) {
        let count = type.parameters.count
        materializeTop(count)
        let base = stack.count - count
        for _ in 0..<count { pop() }
        let local = Int(function) >= importedFunctionCount
        emit(Inst(local ? .callLocal : .call, a: function, b: home(base)))
        for _ in 0..<type.results.count { push(.slot) }
        // A callee in the same instance returns its first result in the accumulators too.
        if local, let first = type.results.first {
            switch first {
            case .i32, .i64: accumulator = (home(base), .integer)
            case .f64: accumulator = (home(base), .float)
            default: break
            }
        }
    }

    package mutating func callIndirect(type: FunctionType, typeIndex: UInt32, table: UInt32) {
        let index = popSlot()
        let count = type.parameters.count
        materializeTop(count)
        let base = stack.count - count
        for _ in 0..<count { pop() }
        // The callee index may sit in the first argument slot's home; arguments are in place.
        emit(Inst(.callIndirect, x: UInt16(table), a: typeIndex, b: home(base), c: index))
        for _ in 0..<type.results.count { push(.slot) }
    }

    package mutating func drop() {
        pop()
    }

    mutating func select() {
        if selectBetweenConstants() { return }
        let condition = popSlot()
        let second = popSlot()
        let position = stack.count - 1
        materialize(position)
        pop()
        emit(Inst(.select, a: home(position), b: second, c: condition))
        push(.slot)
    }

    /// `select` of two constants that fit 32 bits (zero-extended), as one `selectImm`.
    mutating func selectBetweenConstants() -> Bool {
        let top = stack.count
        guard case .constant(let whenTrue) = stack[top - 3], case .constant(let whenFalse) = stack[top - 2],
              let first = UInt32(exactly: whenTrue), let second = UInt32(exactly: whenFalse) else { return false }
        let condition = slot(of: top - 1)
        let fromAccumulator = accumulator?.slot == condition
        guard fromAccumulator || condition <= UInt16.max else { return false }
        // A temporary condition consumed here: its producer only passes it on.
        if fromAccumulator && condition == home(top - 1) { discardResult(ofProducerBefore: code.count) }
        for _ in 0..<3 { pop() }
        emitProducing(Inst(fromAccumulator ? .selectImmAccX : .selectImm, x: fromAccumulator ? 0 : UInt16(condition),
                           a: home(stack.count), b: first, c: second))
        return true
    }

    mutating func localGet(_ index: UInt32) {
        push(.local(index))
    }

    mutating func localSet(_ index: UInt32) {
        let position = stack.count - 1
        let value = stack[position]
        if value == .local(index) {
            pop()
            return
        }
        pop()
        if deferredReads[Int(index)] > 0 { flushDeferredReads() }
        switch value {
        case .slot:
            if let producer = lastProducer, producer.position == position, producer.index == code.count - 1 {
                code[producer.index].a = index
                lastProducer = nil
                // Its handler passes the value on all the same, now as the local's.
                if accumulator?.slot == home(position) { accumulator?.slot = index }
            } else {
                emit(Inst(.copy, a: index, b: home(position)))
            }
        case .local(let source):
            emit(Inst(.copy, a: index, b: source))
        case .constant(let bits):
            emitConstant(bits, into: index)
        case .sum(let base, let constant, let shift):
            emitAddress(base: base, constant: constant, shift: shift, into: index)
        }
    }

    /// Materializes deferred values before a local they may read is overwritten.
    mutating func flushDeferredReads() {
        let saved = lastProducer
        flush()
        // Nothing emitted: the producer is still the last instruction and may be retargeted.
        if let saved, code.count == saved.index + 1 { lastProducer = saved }
    }

    mutating func localTee(_ index: UInt32) {
        localSet(index)
        push(.local(index))
    }

    mutating func globalGet(_ index: UInt32) {
        emitProducing(Inst(.globalGet, a: home(stack.count), b: index))
    }

    mutating func globalSet(_ index: UInt32) {
        let value = popSlot()
        emit(Inst(.globalSet, a: index, b: value))
    }

    package mutating func constant(_ type: ValueType, bits: UInt64) {
        push(.constant(bits))
    }

    package mutating func refFunc(_ function: UInt32) {
        emitProducing(Inst(.refFunc, a: home(stack.count), b: function))
    }

    package mutating func refIsNull() {
        numeric(.i64Eqz)
    }

    package mutating func numeric(_ op: NumericOp) {
        if emitF64Immediate(op) { return }
        if canonicalizeNaN, let canonical = Op(canonicalizing: op) {
            let rhs = slot(of: stack.count - 1)
            let lhs = op.operands.count == 2 ? slot(of: stack.count - 2) : rhs
            pop()
            if op.operands.count == 2 { pop() }
            emitProducing(Inst(canonical, a: home(stack.count), b: op.operands.count == 2 ? lhs : rhs, c: rhs))
            canonicalProducer[stack.count - 1] = (code.count - 1, op)
            return
        }
        if op.operands.count == 1 {
            let source = popSlot()
            emitProducing(Inst(Op(op), a: home(stack.count), b: source))
            return
        }
        if op == .i32Add || op == .i32Shl, case .constant(let bits) = stack[stack.count - 1] {
            // Deferred: a load or store folds it into its address.
            let position = stack.count - 2
            let constant = UInt32(truncatingIfNeeded: bits)
            var sum: Operand?
            switch (stack[position], op) {
            case (.local(let index), .i32Add): sum = .sum(base: index, constant: constant, shift: 0)
            case (.local(let index), _): sum = .sum(base: index, constant: 0, shift: constant & 31)
            case (.slot, .i32Add): sum = .sum(base: home(position), constant: constant, shift: 0)
            case (.slot, _): sum = .sum(base: home(position), constant: 0, shift: constant & 31)
            case (.sum(let base, let first, let shift), .i32Add): sum = .sum(base: base, constant: first &+ constant, shift: shift)
            default: sum = nil
            }
            if let sum {
                pop()
                pop()
                push(sum)
                lastProducer = nil
                return
            }
        }
        if case .constant(let bits) = stack[stack.count - 1], let immediate = Op(immediate: op, bits: bits) {
            pop()
            let lhs = popSlot()
            emitProducing(Inst(immediate, a: home(stack.count), b: lhs, c: UInt32(truncatingIfNeeded: bits)))
            return
        }
        if case .constant(let bits) = stack[stack.count - 1], let immediate = Op(immediate64: op) {
            pop()
            let lhs = popSlot()
            emit(Inst(immediate, a: home(stack.count), b: lhs), extensionWord: bits)
            push(.slot)
            return
        }
        let rhs = slot(of: stack.count - 1)
        let lhs = slot(of: stack.count - 2)
        pop()
        pop()
        emitProducing(Inst(Op(op), a: home(stack.count), b: lhs, c: rhs))
    }

    /// The front-end decided that the value `operand` entries below the top needs no
    /// canonicalization (`NaNElision`): if a canonicalizing instruction of this translation still
    /// writes it there, it produces the raw result instead.
    package mutating func elideCanonicalization(operand: Int) {
        guard canonicalizeNaN else { return }
        let position = stack.count - 1 - operand
        guard position >= 0, stack[position] == .slot, let producer = canonicalProducer[position],
            code[producer.index].a == home(position)
        else { return }
        // The same form without canonicalization: accumulator reads and a discarded result stay.
        code[producer.index].setOp(code[producer.index].op.withoutCanonicalization)
        canonicalProducer[position] = nil
    }

    // MARK: Compare-and-branch fusion

    /// If the value at `position` was just produced by an i32 comparison, the comparison can be
    /// folded into the branch that consumes it.
    func fusibleCondition(_ position: Int) -> Inst? {
        guard stack[position] == .slot, let producer = lastProducer, producer.position == position, producer.index == code.count - 1 else { return nil }
        let inst = code[producer.index]
        return inst.op.withoutAccumulator.fusedBranch(whenTrue: true) == nil ? nil : inst
    }

    /// Replaces the comparison with a fused compare-and-branch; returns its index (target in `c`).
    mutating func emitFusedBranch(_ compare: Inst, whenTrue: Bool) -> Int {
        removeLast()
        let compareOp = compare.op.withoutAccumulator
        let op = compareOp.fusedBranch(whenTrue: whenTrue)!
        if compareOp == .i32Eqz {
            return emit(Inst(whenTrue ? .brIfEqz : .brIfNez, a: compare.b))
        }
        return emit(Inst(op, a: compare.b, b: compare.c))
    }

    /// f64 arithmetic with one constant operand: the constant goes in an extension word (the
    /// handler skips it), as for i64 constants past 32 bits.
    mutating func emitF64Immediate(_ op: NumericOp) -> Bool {
        let top = stack.count
        guard top >= 2 else { return false }
        let bits: UInt64, form: Op, other: UInt32
        if case .constant(let value) = stack[top - 1],
           let right = Op(f64Immediate: op, left: false, canonicalizing: canonicalizeNaN) {
            pop()
            (bits, form, other) = (value, right, popSlot())
        } else if case .constant(let value) = stack[top - 2],
                  let left = Op(f64Immediate: op, left: true, canonicalizing: canonicalizeNaN) {
            let operand = popSlot()
            pop()
            (bits, form, other) = (value, left, operand)
        } else {
            return false
        }
        let index = emit(Inst(form, a: home(stack.count), b: other), extensionWord: bits)
        push(.slot)
        if canonicalizeNaN { canonicalProducer[stack.count - 1] = (index, op) }
        return true
    }

    /// A loop latch: when the conditional branch at `index` (the last instruction) tests the
    /// value of an in-place `i32.add` of a 16-bit immediate (or of a slot) just before it, both
    /// become one instruction (`incBr...`, `addBr...`; target in `c`). Returns the branch's index.
    mutating func fuseIncrement(into index: Int) -> Int {
        guard index == code.count - 1, index >= 1, let latch = code[index].op.incrementingBranch else { return index }
        let add = code[index - 1]
        // The accumulator form guarantees the branch reads what the instruction before it wrote.
        let op: Op, step: UInt16
        if add.op.storingResult == .i32AddImm, add.a == add.b, let immediate = Int16(exactly: Int32(bitPattern: add.c)) {
            (op, step) = (latch.op, UInt16(bitPattern: immediate))
        } else if add.op.storingResult == .i32Add, add.a == add.b || add.a == add.c, let slotForm = latch.op.addingSlot,
                  let slot = UInt16(exactly: add.a == add.b ? add.c : add.b) {
            // `local = local + step` (either order): the sum is the same.
            (op, step) = (slotForm, slot)
        } else {
            return index
        }
        let branch = code[index]
        let other = latch.otherInB.map { $0 ? branch.b : branch.a } ?? 0
        code.removeLast(2)
        code.append(Inst(op, x: step, a: add.a, b: other))
        accumulator = nil
        accumulatorBeforeLast = nil
        return index - 1
    }

    /// A zero test of a value loaded just before it only for the test: one instruction
    /// (`brIfNezLoad8`...; address slot in `a`, offset in `c`, target in `b`). Returns the
    /// branch's index.
    mutating func fuseLoadedTest(into index: Int) -> Int {
        guard index == code.count - 1, index >= 1, let op = code[index].op.testingLoad(code[index - 1].op) else { return index }
        let load = code[index - 1]
        code.removeLast(2)
        code.append(Inst(op, a: load.b, c: load.c))
        accumulator = nil
        accumulatorBeforeLast = nil
        return index - 1
    }

    /// Which operand of a conditional branch holds its target.
    func targetField(of index: Int) -> PatchSite.Field {
        code[index].op.withoutAccumulator.hasTargetInB ? .b : .c
    }

    /// When fusion is not possible after all, the comparison stays and its result slot is used.
    func restoreFusedCondition(_ compare: Inst) -> UInt32 { compare.a }
}
