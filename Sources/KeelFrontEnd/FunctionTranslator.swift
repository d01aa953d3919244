/// Validates one function body and drives a `CodeGenerator` in a single pass.
///
/// Everything here is `@inlinable`: `ModuleCompiler.translate` is, so each backend module
/// compiles the translator specialized for its own generator (direct, inlinable calls in place
/// of protocol-witness calls, and a layout known at compile time).
///
/// Every check is O(1) per instruction except those proportional to the instruction's own
/// immediates (`br_table` targets, block signatures), so translation is linear in body size.
@usableFromInline
struct FunctionTranslator<Generator: CodeGenerator> {
    @usableFromInline let module: ModuleInfo
    @usableFromInline let declaredReferences: DeclaredReferences
    @usableFromInline let functionIndex: Int
    @usableFromInline let options: FrontEndOptions
    /// The module offset of the instruction being translated (for errors).
    @usableFromInline var binaryOffset: Int = 0
    /// Metering: a leader is due (the next costed instruction starts a metering block).
    @usableFromInline var needsLeader = true
    /// Metering: whether a block is open, and its cost so far.
    @usableFromInline var blockOpen = false
    @usableFromInline var blockCost: UInt64 = 0
    /// Which canonicalizations the backend may skip (only with `options.canonicalizeNaN`).
    @usableFromInline var nanElision = NaNElision()
    /// `NumericSignature.table`, read once per function (a global's accessor costs a call).
    @usableFromInline let numericSignatures = NumericSignature.table
    /// `options.canonicalizeNaN`, read once.
    @usableFromInline let canonicalizeNaN: Bool
    /// `options.metering`'s prices, when metering.
    @usableFromInline let prices: Metering.Prices?

    @usableFromInline var locals: [ValueType]
    @usableFromInline var results: [ValueType]
    @usableFromInline var operands: [ValueType?]
    @usableFromInline var controls: [ControlFrame]
    /// The body's `br_table` targets (`Operator.brTable` ranges index them).
    @usableFromInline var branchTargets: [UInt32] = []
    @usableFromInline var finished = false
    /// Whether the current instruction can execute (the innermost frame is neither past an
    /// unconditional branch nor dead); the generator sees only these. Kept as frames are
    /// pushed, popped and marked, so that every instruction reads one flag.
    @usableFromInline var reachable = true
    /// The innermost frame's `height` and `unreachable`, kept here as frames are pushed, popped
    /// and marked, so that a pop reads two fields instead of the control stack.
    @usableFromInline var frameHeight = 0
    @usableFromInline var frameUnreachable = false
    /// The deepest the operand stack gets (for the deterministic stack cost), counting the
    /// parameter copies of enclosing `if` blocks (`ifCopies`).
    @usableFromInline var maxOperandHeight = 0
    /// The parameters of the open `if` frames (then and else branches): both backends run an
    /// `if` with parameters on copies placed above the originals, so those slots are part of
    /// the frame the stack cost bounds (docs/determinism.md, section 4).
    @usableFromInline var ifCopies = 0
    /// Signature work so far: the values that block, branch, call and return signatures move
    /// (`ResourceLimits.signatureWorkPerByte`), and the most the body may do.
    @usableFromInline var signatureWork = 0
    @usableFromInline let signatureWorkLimit: Int
    /// The body's size in bytes.
    @usableFromInline let bodySize: Int
    /// The backend, stored last: where the translator is not specialized (the front-end's own
    /// uses), fields after a generic one would be found through the type's metadata.
    @usableFromInline var generator: Generator

    /// `buffers` lends its (emptied) operand and control stacks; `returnBuffers` gives them back.
    @inlinable
    init(
        module: ModuleInfo, declaredReferences: DeclaredReferences, functionIndex: Int, bodySize: Int, options: FrontEndOptions, generator: consuming Generator,
        buffers: TranslationBuffers
    ) {
        self.module = module
        self.declaredReferences = declaredReferences
        self.functionIndex = functionIndex
        self.options = options
        prices = options.metering.map(Metering.Prices.init)
        canonicalizeNaN = options.canonicalizeNaN
        self.generator = generator
        let type = module.functionType(UInt32(functionIndex))
        self.bodySize = bodySize
        signatureWorkLimit = options.limits.signatureWork(bodySize: bodySize)
        // The locals' storage is the buffers' too (the body's types appended in place).
        locals = buffers.locals
        buffers.locals = []
        locals.removeAll(keepingCapacity: true)
        locals.append(contentsOf: type.parameters)
        let declared = module.bodies[functionIndex - module.importedFunctionCount].locals
        locals.append(contentsOf: declared)
        self.results = type.results
        operands = buffers.operands
        buffers.operands = []
        operands.removeAll(keepingCapacity: true)
        controls = buffers.controls
        buffers.controls = []
        controls.removeAll(keepingCapacity: true)
        controls.append(ControlFrame(kind: .function, parameters: [], results: type.results, height: 0, dead: false))
        self.generator.beginFunction(index: functionIndex, type: type, locals: declared, module: module)
    }

    /// Gives the operand and control stacks' storage back to `buffers`.
    @inlinable
    mutating func returnBuffers(to buffers: TranslationBuffers) {
        buffers.operands = operands
        buffers.controls = controls
        buffers.locals = locals
        locals = []
        operands = []
        controls = []
    }

    // MARK: Errors

    @inlinable
    func error(_ message: String) -> CompileError {
        CompileError(.invalid, message, offset: binaryOffset, functionIndex: functionIndex)
    }

    // MARK: Operand stack



    @inlinable
    mutating func push(_ type: ValueType?) {
        operands.append(type)
        maxOperandHeight = max(maxOperandHeight, operands.count + ifCopies)
    }

    /// Counts `count` values moved by a signature (block parameters or results, a branch
    /// target's arity, a call's parameters and results) against the body's budget, before the
    /// work is done: compile work and machine code stay linear in the body's bytes.
    @inlinable
    mutating func chargeSignature(_ count: Int) throws(CompileError) {
        signatureWork &+= count
        if signatureWork > signatureWorkLimit {
            throw CompileError(
                .limit,
                "signature work: block, branch and call signatures move more than \(signatureWorkLimit) values in a body of \(bodySize) bytes",
                offset: binaryOffset, functionIndex: functionIndex)
        }
    }

    /// The function's deterministic call-stack cost.
    @inlinable var stackCost: Int { locals.count + maxOperandHeight + CallStack.frameOverhead }

    @inlinable
    mutating func pop() throws(CompileError) -> ValueType? {
        if operands.count == frameHeight {
            if frameUnreachable { return nil }
            throw error("type mismatch: operand stack is empty")
        }
        let type = operands.removeLast()
        if canonicalizeNaN { nanElision.truncate(to: operands.count) }
        return type
    }

    @discardableResult
    @inlinable
    mutating func pop(_ expected: ValueType) throws(CompileError) -> ValueType? {
        let actual = try pop()
        if let actual, actual != expected {
            throw error("type mismatch: expected \(expected), found \(actual)")
        }
        return actual ?? expected
    }

    @inlinable
    mutating func pop(_ types: [ValueType]) throws(CompileError) {
        for type in types.reversed() { try pop(type) }
    }

    @inlinable
    mutating func push(_ types: [ValueType]) {
        for type in types { push(type) }
    }

    @inlinable
    mutating func pushControl(_ kind: ControlFrame.Kind, _ parameters: [ValueType], _ results: [ValueType], dead: Bool) throws(CompileError) {
        try options.limits.check(controls.count, against: options.limits.nestingDepth, "control nesting depth", offset: binaryOffset, functionIndex: functionIndex)
        controls.append(ControlFrame(kind: kind, parameters: parameters, results: results, height: operands.count, dead: dead))
        frameHeight = operands.count
        frameUnreachable = false
        reachable = !dead
        if kind == .if || kind == .else { ifCopies += parameters.count }
        push(parameters)
    }

    @inlinable
    mutating func popControl() throws(CompileError) -> ControlFrame {
        let frame = controls[controls.count - 1]
        try pop(frame.results)
        if operands.count != frame.height {
            throw error("type mismatch: \(operands.count - frame.height) values remain at the end of the block")
        }
        controls.removeLast()
        if frame.kind == .if || frame.kind == .else { ifCopies -= frame.parameters.count }
        if let top = controls.indices.last {
            frameHeight = controls[top].height
            frameUnreachable = controls[top].unreachable
            reachable = !frameUnreachable && !controls[top].dead
        } else {
            reachable = false
        }
        return frame
    }

    @inlinable
    mutating func markUnreachable() {
        operands.removeSubrange(frameHeight...)
        if canonicalizeNaN { nanElision.truncate(to: operands.count) }
        controls[controls.count - 1].unreachable = true
        frameUnreachable = true
        reachable = false
        generator.setReachable(false)
    }

    /// The control-stack index of the frame `depth` labels out.
    @inlinable
    mutating func labelIndex(_ depth: UInt32) throws(CompileError) -> Int {
        guard Int(depth) < controls.count else { throw error("unknown label \(depth)") }
        return controls.count - 1 - Int(depth)
    }

    /// Pops the types a branch to `depth` carries, reading them in place.
    @inlinable
    mutating func popLabelTypes(_ depth: UInt32) throws(CompileError) {
        let frame = try labelIndex(depth)
        let isLoop = controls[frame].kind == .loop
        let count = isLoop ? controls[frame].parameters.count : controls[frame].results.count
        var k = count
        while k > 0 {
            k -= 1
            try pop(isLoop ? controls[frame].parameters[k] : controls[frame].results[k])
        }
    }

    // MARK: Index checks
    //
    // The lookups are `mutating` although they change nothing: specialized for a backend the
    // translator is a large loadable struct (it holds the generator), and a non-mutating call
    // from `visit` would copy all of it, retaining every array, on every instruction.

    @inlinable
    mutating func blockSignature(_ type: BlockTypeCode) throws(CompileError) -> FunctionType {
        switch type {
        case .empty: return FunctionType()
        case .value(let valueType): return SingleResultSignatures.of(valueType)
        case .index(let index):
            guard Int(index) < module.types.count else { throw error("unknown type \(index)") }
            return module.types[Int(index)]
        }
    }

    @inlinable
    mutating func localType(_ index: UInt32) throws(CompileError) -> ValueType {
        guard Int(index) < locals.count else { throw error("unknown local \(index)") }
        return locals[Int(index)]
    }

    @inlinable
    mutating func globalType(_ index: UInt32) throws(CompileError) -> GlobalType {
        guard Int(index) < module.globals.count else { throw error("unknown global \(index)") }
        return module.globals[Int(index)]
    }

    @inlinable
    mutating func checkMemory(_ index: UInt32) throws(CompileError) {
        guard Int(index) < module.memories.count else { throw error("unknown memory \(index)") }
    }

    @inlinable
    mutating func tableType(_ index: UInt32) throws(CompileError) -> TableType {
        guard Int(index) < module.tables.count else { throw error("unknown table \(index)") }
        return module.tables[Int(index)]
    }

    @inlinable
    mutating func functionType(_ index: UInt32) throws(CompileError) -> FunctionType {
        guard Int(index) < module.functionTypes.count else { throw error("unknown function \(index)") }
        return module.functionType(index)
    }

    @inlinable
    mutating func checkData(_ index: UInt32) throws(CompileError) {
        guard let count = module.dataCount else {
            throw CompileError(.malformed, "data count section required", offset: binaryOffset, functionIndex: functionIndex)
        }
        guard index < count else { throw error("unknown data segment \(index)") }
    }

    @inlinable
    mutating func elementType(_ index: UInt32) throws(CompileError) -> ValueType {
        guard Int(index) < module.elements.count else { throw error("unknown elem segment \(index)") }
        return module.elements[Int(index)].type
    }

    @inlinable
    mutating func checkAlignment(_ memarg: MemoryArgument, size: Int, name: @autoclosure () -> String) throws(CompileError) {
        try checkMemory(memarg.memory)
        if memarg.align >= 32 || (1 << memarg.align) > size {
            throw error("alignment must not be larger than natural for \(name())")
        }
    }

    // MARK: Visitor

    @inlinable
    mutating func visit(_ instruction: Operator, traits code: UInt8) throws(CompileError) {
        if finished { throw CompileError(.malformed, "operators remaining after end of function", offset: binaryOffset, functionIndex: functionIndex) }
        let live = reachable
        if !options.allowFloats, let name = NoFloat.floatInstruction(instruction, types: module.types) {
            throw CompileError(.profile, "floating-point instruction \(name) (floats are disabled)", offset: binaryOffset, functionIndex: functionIndex)
        }
        let traits = InstructionTraits(code: code)
        if live, let cost = traits.cost(prices) {
            if needsLeader {
                closeMeteringBlock()
                generator.beginMeteringBlock()
                blockOpen = true
                needsLeader = false
            }
            blockCost = Metering.add(blockCost, cost)
        }
        if live && traits.endsBlock { needsLeader = true }
        if traits.endsRegion { nanElision.endRegion() }
        switch instruction {
        case .unreachable:
            if live { generator.unreachable() }
            markUnreachable()
        case .nop:
            break
        case .block(let blockType):
            let signature = try blockSignature(blockType)
            try chargeSignature(signature.parameters.count + signature.results.count)
            try pop(signature.parameters)
            try pushControl(.block, signature.parameters, signature.results, dead: !live)
            if live { generator.block(type: signature) }
        case .loop(let blockType):
            let signature = try blockSignature(blockType)
            try chargeSignature(signature.parameters.count + signature.results.count)
            try pop(signature.parameters)
            try pushControl(.loop, signature.parameters, signature.results, dead: !live)
            if live { generator.loop(type: signature) }
        case .if(let blockType):
            let signature = try blockSignature(blockType)
            // Parameters are moved in, copied (twice in the interpreter), and results out of
            // both branches.
            try chargeSignature(3 * signature.parameters.count + 2 * signature.results.count)
            if !signature.parameters.isEmpty {
                // The copies go above the originals while the condition is still on the stack
                // (the interpreter may move the condition above them first).
                maxOperandHeight = max(maxOperandHeight, operands.count + ifCopies + signature.parameters.count)
            }
            try pop(.i32)
            try pop(signature.parameters)
            try pushControl(.if, signature.parameters, signature.results, dead: !live)
            if live { generator.ifBlock(type: signature) }
        case .else:
            guard controls[controls.count - 1].kind == .if else { throw error("else without matching if") }
            let frame = try popControl()
            try pushControl(.else, frame.parameters, frame.results, dead: frame.dead)
            if !frame.dead { generator.elseBlock(endReachable: live) }
        case .end:
            let frame = try popControl()
            if frame.kind == .function {
                finished = true
                closeMeteringBlock()
                generator.endFunction()
                return
            }
            // The instruction after the end of a block or if is a branch target.
            if frame.kind != .loop { needsLeader = true }
            if frame.kind == .if && frame.parameters != frame.results {
                throw error("type mismatch: if without else must leave its parameters as results")
            }
            push(frame.results)
            if !frame.dead { generator.end(endReachable: live) }
        case .br(let depth):
            try chargeSignature(controls[try labelIndex(depth)].labelTypes.count)
            try popLabelTypes(depth)
            if live { generator.br(depth: depth) }
            markUnreachable()
        case .brIf(let depth):
            try pop(.i32)
            let types = controls[try labelIndex(depth)].labelTypes
            try chargeSignature(types.count)
            try pop(types)
            push(types)
            if live { generator.brIf(depth: depth) }
        case .brTable(let table, let defaultDepth):
            let targets = branchTargets[table.range]
            try options.limits.check(targets.count, against: options.limits.brTableSize, "br_table targets", offset: binaryOffset, functionIndex: functionIndex)
            try pop(.i32)
            let defaultTypes = controls[try labelIndex(defaultDepth)].labelTypes
            try chargeSignature((targets.count + 1) * defaultTypes.count)
            for depth in targets {
                let types = controls[try labelIndex(depth)].labelTypes
                guard types.count == defaultTypes.count else { throw error("type mismatch: br_table targets have different arities") }
                // A target with the default's types asks what the default's pop below checks.
                if types == defaultTypes { continue }
                var popped: [ValueType?] = []
                for type in types.reversed() {
                    let actual = try pop()
                    if let actual, actual != type { throw error("type mismatch: expected \(type), found \(actual)") }
                    popped.append(actual)
                }
                for type in popped.reversed() { push(type) }
            }
            try pop(defaultTypes)
            if live { generator.brTable(depths: Array(targets), defaultDepth: defaultDepth) }
            markUnreachable()
        case .return:
            try chargeSignature(results.count)
            try pop(results)
            if live { generator.returnFromFunction() }
            markUnreachable()
        case .call(let index):
            let type = try functionType(index)
            try chargeSignature(type.parameters.count + type.results.count)
            try pop(type.parameters)
            push(type.results)
            if live { generator.call(function: index, type: type) }
        case .callIndirect(let typeIndex, let tableIndex):
            let table = try tableType(tableIndex)
            guard table.elementType == .funcref else { throw error("type mismatch: call_indirect on a table of \(table.elementType)") }
            guard Int(typeIndex) < module.types.count else { throw error("unknown type \(typeIndex)") }
            let type = module.types[Int(typeIndex)]
            try chargeSignature(type.parameters.count + type.results.count)
            try pop(.i32)
            try pop(type.parameters)
            push(type.results)
            if live { generator.callIndirect(type: type, typeIndex: typeIndex, table: tableIndex) }
        case .drop:
            _ = try pop()
            if live { generator.drop() }
        case .select:
            try pop(.i32)
            let a = try pop()
            let b = try pop()
            if let a, a.isReference { throw error("type mismatch: select without type on \(a)") }
            if let b, b.isReference { throw error("type mismatch: select without type on \(b)") }
            if let a, let b, a != b { throw error("type mismatch: select operands \(b) and \(a)") }
            if !options.allowFloats, let type = a ?? b, type.isFloat {
                throw CompileError(.profile, "floating-point instruction select on \(type) (floats are disabled)", offset: binaryOffset, functionIndex: functionIndex)
            }
            push(a ?? b)
            // Reachable operands always have types (only a polymorphic stack yields none).
            if live { generator.select(type: a ?? b ?? .i32) }
        case .typedSelect(let type):
            try pop(.i32)
            try pop(type)
            try pop(type)
            push(type)
            if live { generator.select(type: type) }
        case .localGet(let index):
            let type = try localType(index)
            push(type)
            if live { generator.localGet(index, type: type) }
        case .localSet(let index):
            let type = try localType(index)
            try pop(type)
            if live { generator.localSet(index, type: type) }
        case .localTee(let index):
            let type = try localType(index)
            try pop(type)
            push(type)
            if live { generator.localTee(index, type: type) }
        case .globalGet(let index):
            let type = try globalType(index)
            push(type.valueType)
            if live { generator.globalGet(index, type: type) }
        case .globalSet(let index):
            let type = try globalType(index)
            guard type.isMutable else { throw error("global is immutable: global \(index)") }
            try pop(type.valueType)
            if live { generator.globalSet(index, type: type) }
        case .load(let op, let memarg):
            try checkAlignment(memarg, size: op.size, name: op.name)
            try pop(.i32)
            push(op.type)
            if live { generator.load(op, memory: memarg.memory, offset: UInt64(memarg.offset)) }
        case .store(let op, let memarg):
            try checkAlignment(memarg, size: op.size, name: op.name)
            try pop(op.type)
            try pop(.i32)
            if live { generator.store(op, memory: memarg.memory, offset: UInt64(memarg.offset)) }
        case .memorySize(let memory):
            try checkMemory(memory)
            push(.i32)
            if live { generator.memorySize(memory: memory) }
        case .memoryGrow(let memory):
            try checkMemory(memory)
            try pop(.i32)
            push(.i32)
            if live { generator.memoryGrow(memory: memory) }
        case .i32Const(let value):
            push(.i32)
            if live { generator.constant(.i32, bits: UInt64(value)) }
        case .i64Const(let value):
            push(.i64)
            if live { generator.constant(.i64, bits: value) }
        case .f32Const(let value):
            push(.f32)
            if live { generator.constant(.f32, bits: UInt64(value)) }
        case .f64Const(let value):
            push(.f64)
            if live { generator.constant(.f64, bits: value) }
        case .refNull(let type):
            push(type)
            if live { generator.constant(type, bits: 0) }
        case .refIsNull:
            let type = try pop()
            if let type, !type.isReference { throw error("type mismatch: ref.is_null on \(type)") }
            push(.i32)
            if live { generator.refIsNull() }
        case .refFunc(let index):
            _ = try functionType(index)
            guard declaredReferences.contains(index) else { throw error("undeclared function reference \(index)") }
            push(.funcref)
            if live { generator.refFunc(index) }
        case .numeric(let op):
            try numeric(op, live)
        case .memoryInit(let data, let memory):
            try checkMemory(memory)
            try checkData(data)
            try pop([.i32, .i32, .i32])
            if live { generator.memoryInit(data: data, memory: memory) }
        case .dataDrop(let data):
            try checkData(data)
            if live { generator.dataDrop(data) }
        case .memoryCopy(let destination, let source):
            try checkMemory(destination)
            try checkMemory(source)
            try pop([.i32, .i32, .i32])
            if live { generator.memoryCopy(destination: destination, source: source) }
        case .memoryFill(let memory):
            try checkMemory(memory)
            try pop([.i32, .i32, .i32])
            if live { generator.memoryFill(memory: memory) }
        case .tableInit(let element, let table):
            let tableType = try tableType(table)
            let elementType = try elementType(element)
            guard tableType.elementType == elementType else { throw error("type mismatch: table.init of \(elementType) into \(tableType.elementType)") }
            try pop([.i32, .i32, .i32])
            if live { generator.tableInit(element: element, table: table) }
        case .elemDrop(let element):
            _ = try elementType(element)
            if live { generator.elemDrop(element) }
        case .tableCopy(let destination, let source):
            let d = try tableType(destination)
            let s = try tableType(source)
            guard d.elementType == s.elementType else { throw error("type mismatch: table.copy from \(s.elementType) to \(d.elementType)") }
            try pop([.i32, .i32, .i32])
            if live { generator.tableCopy(destination: destination, source: source) }
        case .tableFill(let table):
            let type = try tableType(table)
            try pop([.i32, type.elementType, .i32])
            if live { generator.tableFill(table) }
        case .tableGet(let table):
            let type = try tableType(table)
            try pop(.i32)
            push(type.elementType)
            if live { generator.tableGet(table) }
        case .tableSet(let table):
            let type = try tableType(table)
            try pop([.i32, type.elementType])
            if live { generator.tableSet(table) }
        case .tableGrow(let table):
            let type = try tableType(table)
            try pop([type.elementType, .i32])
            push(.i32)
            if live { generator.tableGrow(table) }
        case .tableSize(let table):
            _ = try tableType(table)
            push(.i32)
            if live { generator.tableSize(table) }
        }
    }

    /// Ends the open metering block, telling the backend its cost.
    @inlinable
    mutating func closeMeteringBlock() {
        if blockOpen { generator.endMeteringBlock(cost: blockCost) }
        blockOpen = false
        blockCost = 0
    }

    @inlinable
    mutating func numeric(_ op: NumericOp, _ live: Bool) throws(CompileError) {
        let signature = numericSignatures[Int(op.rawValue)]
        let arity = Int(signature.arity)
        let elide = live && canonicalizeNaN && op.isNaNTransparent
        // Bit k: operand k from the top came from a NaN-producing instruction in this region.
        var elided = 0
        if elide {
            for depth in 0..<arity where nanElision.isFresh(self.operands.count - 1 - depth) { elided |= 1 << depth }
        }
        for _ in 0..<arity { try pop(signature.operand) }
        push(signature.result)
        guard live else { return }
        if canonicalizeNaN && op.producesArithmeticNaN { nanElision.produced(at: self.operands.count - 1) }
        for depth in 0..<arity where elided & (1 << depth) != 0 { generator.elideCanonicalization(operand: depth) }
        generator.noteOffset(binaryOffset)
        generator.numeric(op)
    }
}

/// The functions a module may take references to with `ref.func` inside function bodies: those
/// named in exports, element segments and global initializers (C.refs in the specification).
public struct DeclaredReferences: Sendable {
    @usableFromInline var declared: [Bool]

    package init(module: ModuleInfo) {
        declared = Array(repeating: false, count: module.functionTypes.count)
        func note(_ expression: ConstExpr, _ declared: inout [Bool]) {
            for case .refFunc(let index) in expression.ops where Int(index) < declared.count {
                declared[Int(index)] = true
            }
        }
        for export in module.exports where export.kind == .function && Int(export.index) < declared.count {
            declared[Int(export.index)] = true
        }
        for segment in module.elements {
            for item in segment.items { note(item, &declared) }
        }
        for initializer in module.globalInits { note(initializer, &declared) }
    }

    @inlinable func contains(_ index: UInt32) -> Bool { Int(index) < declared.count && declared[Int(index)] }
}

/// The signatures of block types naming one result, built once rather than per block.
@usableFromInline
enum SingleResultSignatures {
    @usableFromInline static func of(_ type: ValueType) -> FunctionType {
        switch type {
        case .i32: all[0]
        case .i64: all[1]
        case .f32: all[2]
        case .f64: all[3]
        case .funcref: all[4]
        case .externref: all[5]
        }
    }

    private static let all: [FunctionType] = [ValueType.i32, .i64, .f32, .f64, .funcref, .externref].map { FunctionType(results: [$0]) }
}

/// A numeric instruction's signature without arrays: every one takes one or two operands of the
/// same type (checked against `NumericOp.operands` when the table is built).
@usableFromInline
struct NumericSignature: Sendable {
    @usableFromInline var arity: UInt8
    @usableFromInline var operand: ValueType
    @usableFromInline var result: ValueType

    @usableFromInline static let table: [NumericSignature] = NumericOp.allCases.map { op in
        let operands = op.operands
        precondition((1...2).contains(operands.count) && operands.allSatisfy { $0 == operands[0] }, "numeric signature of \(op.name)")
        return NumericSignature(arity: UInt8(operands.count), operand: operands[0], result: op.result)
    }
}
