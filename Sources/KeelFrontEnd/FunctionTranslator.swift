import WasmParser

/// Validates one function body and drives a `CodeGenerator` in a single pass.
///
/// Every check is O(1) per instruction except those proportional to the instruction's own
/// immediates (`br_table` targets, block signatures), so translation is linear in body size.
struct FunctionTranslator<Generator: CodeGenerator>: AnyInstructionVisitor {
    typealias VisitorError = CompileError

    let module: ModuleInfo
    let declaredReferences: DeclaredReferences
    let functionIndex: Int
    let options: FrontEndOptions
    var generator: Generator
    var binaryOffset: Int = 0
    /// Metering: a leader is due (the next costed instruction starts a metering block).
    var needsLeader = true
    /// Metering: whether a block is open, and its cost so far.
    var blockOpen = false
    var blockCost: UInt64 = 0
    /// Which canonicalizations the backend may skip (only with `options.canonicalizeNaN`).
    var nanElision = NaNElision()

    var locals: [ValueType]
    var results: [ValueType]
    var operands: [ValueType?] = []
    var controls: [ControlFrame] = []
    var finished = false

    init(module: ModuleInfo, declaredReferences: DeclaredReferences, functionIndex: Int, options: FrontEndOptions, generator: Generator) {
        self.module = module
        self.declaredReferences = declaredReferences
        self.functionIndex = functionIndex
        self.options = options
        self.generator = generator
        let type = module.functionType(UInt32(functionIndex))
        let body = module.bodies[functionIndex - module.importedFunctionCount]
        self.locals = type.parameters + body.locals
        self.results = type.results
        controls.append(ControlFrame(kind: .function, parameters: [], results: type.results, height: 0, dead: false))
        self.generator.beginFunction(index: functionIndex, type: type, locals: body.locals, module: module)
    }

    // MARK: Errors

    func error(_ message: String) -> CompileError {
        CompileError(.invalid, message, offset: binaryOffset, functionIndex: functionIndex)
    }

    func unsupported(_ what: String) -> CompileError {
        CompileError(.unsupported, what, offset: binaryOffset, functionIndex: functionIndex)
    }

    // MARK: Operand stack

    /// Whether the current instruction can execute; the generator sees only these.
    var reachable: Bool {
        let frame = controls[controls.count - 1]
        return !frame.unreachable && !frame.dead
    }

    /// The deepest the operand stack gets (for the deterministic stack cost).
    var maxOperandHeight = 0

    mutating func push(_ type: ValueType?) {
        operands.append(type)
        maxOperandHeight = max(maxOperandHeight, operands.count)
    }

    /// The function's deterministic call-stack cost.
    var stackCost: Int { locals.count + maxOperandHeight + CallStack.frameOverhead }

    mutating func pop() throws(CompileError) -> ValueType? {
        let frame = controls[controls.count - 1]
        if operands.count == frame.height {
            if frame.unreachable { return nil }
            throw error("type mismatch: operand stack is empty")
        }
        let type = operands.removeLast()
        nanElision.truncate(to: operands.count)
        return type
    }

    @discardableResult
    mutating func pop(_ expected: ValueType) throws(CompileError) -> ValueType? {
        let actual = try pop()
        if let actual, actual != expected {
            throw error("type mismatch: expected \(expected), found \(actual)")
        }
        return actual ?? expected
    }

    mutating func pop(_ types: [ValueType]) throws(CompileError) {
        for type in types.reversed() { try pop(type) }
    }

    mutating func push(_ types: [ValueType]) {
        for type in types { push(type) }
    }

    mutating func pushControl(_ kind: ControlFrame.Kind, _ parameters: [ValueType], _ results: [ValueType], dead: Bool) throws(CompileError) {
        try options.limits.check(controls.count, against: options.limits.nestingDepth, "control nesting depth", offset: binaryOffset, functionIndex: functionIndex)
        controls.append(ControlFrame(kind: kind, parameters: parameters, results: results, height: operands.count, dead: dead))
        push(parameters)
    }

    mutating func popControl() throws(CompileError) -> ControlFrame {
        let frame = controls[controls.count - 1]
        try pop(frame.results)
        if operands.count != frame.height {
            throw error("type mismatch: \(operands.count - frame.height) values remain at the end of the block")
        }
        controls.removeLast()
        return frame
    }

    mutating func markUnreachable() {
        operands.removeSubrange(controls[controls.count - 1].height...)
        nanElision.truncate(to: operands.count)
        controls[controls.count - 1].unreachable = true
        generator.setReachable(false)
    }

    func label(_ depth: UInt32) throws(CompileError) -> ControlFrame {
        guard Int(depth) < controls.count else { throw error("unknown label \(depth)") }
        return controls[controls.count - 1 - Int(depth)]
    }

    // MARK: Index checks

    func blockSignature(_ type: BlockType) throws(CompileError) -> FunctionType {
        switch type {
        case .empty: return FunctionType()
        case .type(let valueType): return FunctionType(results: [try Decoder.convert(valueType, offset: binaryOffset)])
        case .funcType(let index):
            guard Int(index) < module.types.count else { throw error("unknown type \(index)") }
            return module.types[Int(index)]
        }
    }

    func localType(_ index: UInt32) throws(CompileError) -> ValueType {
        guard Int(index) < locals.count else { throw error("unknown local \(index)") }
        return locals[Int(index)]
    }

    func globalType(_ index: UInt32) throws(CompileError) -> GlobalType {
        guard Int(index) < module.globals.count else { throw error("unknown global \(index)") }
        return module.globals[Int(index)]
    }

    func checkMemory(_ index: UInt32) throws(CompileError) {
        guard Int(index) < module.memories.count else { throw error("unknown memory \(index)") }
    }

    func tableType(_ index: UInt32) throws(CompileError) -> TableType {
        guard Int(index) < module.tables.count else { throw error("unknown table \(index)") }
        return module.tables[Int(index)]
    }

    func functionType(_ index: UInt32) throws(CompileError) -> FunctionType {
        guard Int(index) < module.functionTypes.count else { throw error("unknown function \(index)") }
        return module.functionType(index)
    }

    func checkData(_ index: UInt32) throws(CompileError) {
        guard let count = module.dataCount else {
            throw CompileError(.malformed, "data count section required", offset: binaryOffset, functionIndex: functionIndex)
        }
        guard index < count else { throw error("unknown data segment \(index)") }
    }

    func elementType(_ index: UInt32) throws(CompileError) -> ValueType {
        guard Int(index) < module.elements.count else { throw error("unknown elem segment \(index)") }
        return module.elements[Int(index)].type
    }

    func checkAlignment(_ memarg: MemArg, size: Int, name: String) throws(CompileError) {
        try checkMemory(memarg.memory)
        if memarg.align >= 32 || (1 << memarg.align) > size {
            throw error("alignment must not be larger than natural for \(name)")
        }
    }

    // MARK: Visitor

    mutating func visit(_ instruction: Instruction) throws(CompileError) {
        if finished { throw CompileError(.malformed, "operators remaining after end of function", offset: binaryOffset, functionIndex: functionIndex) }
        let live = reachable
        generator.noteOffset(binaryOffset)
        if !options.allowFloats, let name = try NoFloat.floatInstruction(instruction, blockSignature: blockSignature) {
            throw CompileError(.profile, "floating-point instruction \(name) (floats are disabled)", offset: binaryOffset, functionIndex: functionIndex)
        }
        if live, let schedule = options.metering, let cost = Metering.cost(of: instruction, schedule) {
            if needsLeader {
                closeMeteringBlock()
                generator.beginMeteringBlock()
                blockOpen = true
                needsLeader = false
            }
            blockCost = Metering.add(blockCost, cost)
        }
        if live && Metering.endsBlock(instruction) { needsLeader = true }
        if NaNElision.endsRegion(instruction) { nanElision.endRegion() }
        switch instruction {
        case .unreachable:
            if live { generator.unreachable() }
            markUnreachable()
        case .nop:
            break
        case .block(let blockType):
            let signature = try blockSignature(blockType)
            try pop(signature.parameters)
            try pushControl(.block, signature.parameters, signature.results, dead: !live)
            if live { generator.block(type: signature) }
        case .loop(let blockType):
            let signature = try blockSignature(blockType)
            try pop(signature.parameters)
            try pushControl(.loop, signature.parameters, signature.results, dead: !live)
            if live { generator.loop(type: signature) }
        case .if(let blockType):
            let signature = try blockSignature(blockType)
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
            try pop(try label(depth).labelTypes)
            if live { generator.br(depth: depth) }
            markUnreachable()
        case .brIf(let depth):
            try pop(.i32)
            let types = try label(depth).labelTypes
            try pop(types)
            push(types)
            if live { generator.brIf(depth: depth) }
        case .brTable(let targets):
            try options.limits.check(targets.labelIndices.count, against: options.limits.brTableSize, "br_table targets", offset: binaryOffset, functionIndex: functionIndex)
            try pop(.i32)
            let defaultTypes = try label(targets.defaultIndex).labelTypes
            for depth in targets.labelIndices {
                let types = try label(depth).labelTypes
                guard types.count == defaultTypes.count else { throw error("type mismatch: br_table targets have different arities") }
                var popped: [ValueType?] = []
                for type in types.reversed() {
                    let actual = try pop()
                    if let actual, actual != type { throw error("type mismatch: expected \(type), found \(actual)") }
                    popped.append(actual)
                }
                for type in popped.reversed() { push(type) }
            }
            try pop(defaultTypes)
            if live { generator.brTable(depths: targets.labelIndices, defaultDepth: targets.defaultIndex) }
            markUnreachable()
        case .return:
            try pop(results)
            if live { generator.returnFromFunction() }
            markUnreachable()
        case .call(let index):
            let type = try functionType(index)
            try pop(type.parameters)
            push(type.results)
            if live { generator.call(function: index, type: type) }
        case .callIndirect(let typeIndex, let tableIndex):
            let table = try tableType(tableIndex)
            guard table.elementType == .funcref else { throw error("type mismatch: call_indirect on a table of \(table.elementType)") }
            guard Int(typeIndex) < module.types.count else { throw error("unknown type \(typeIndex)") }
            let type = module.types[Int(typeIndex)]
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
        case .typedSelect(let valueType):
            let type = try Decoder.convert(valueType, offset: binaryOffset)
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
        case .load(let load, let memarg):
            guard let op = LoadOp(load) else { throw unsupported("\(load) (the SIMD or threads proposal)") }
            try checkAlignment(memarg, size: op.size, name: op.name)
            try pop(.i32)
            push(op.type)
            if live { generator.load(op, memory: memarg.memory, offset: memarg.offset) }
        case .store(let store, let memarg):
            guard let op = StoreOp(store) else { throw unsupported("\(store) (the SIMD or threads proposal)") }
            try checkAlignment(memarg, size: op.size, name: op.name)
            try pop(op.type)
            try pop(.i32)
            if live { generator.store(op, memory: memarg.memory, offset: memarg.offset) }
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
            if live { generator.constant(.i32, bits: UInt64(UInt32(bitPattern: value))) }
        case .i64Const(let value):
            push(.i64)
            if live { generator.constant(.i64, bits: UInt64(bitPattern: value)) }
        case .f32Const(let value):
            push(.f32)
            if live { generator.constant(.f32, bits: UInt64(value.bitPattern)) }
        case .f64Const(let value):
            push(.f64)
            if live { generator.constant(.f64, bits: value.bitPattern) }
        case .refNull(let heapType):
            let type: ValueType
            switch heapType {
            case .abstract(.funcRef): type = .funcref
            case .abstract(.externRef): type = .externref
            default: throw unsupported("ref.null \(heapType) (the GC proposal)")
            }
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
        case .i32Eqz:
            try numeric(.i32Eqz, live)
        case .i64Eqz:
            try numeric(.i64Eqz, live)
        case .cmp(let op):
            try numeric(NumericOp(op), live)
        case .unary(let op):
            try numeric(NumericOp(op), live)
        case .binary(let op):
            try numeric(NumericOp(op), live)
        case .conversion(let op):
            try numeric(NumericOp(op), live)
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
        case .returnCall, .returnCallIndirect, .returnCallRef:
            throw unsupported("tail calls (the tail-call proposal)")
        case .throw, .throwRef, .tryTable:
            throw unsupported("exceptions (the exception-handling proposal)")
        case .callRef, .refAsNonNull, .brOnNull, .brOnNonNull:
            throw unsupported("typed function references (the function-references proposal)")
        case .v128Const, .i8x16Shuffle, .simd, .simdLane, .simdMemLane:
            throw unsupported("SIMD instructions (the SIMD proposal)")
        case .atomicFence, .memoryAtomicNotify, .memoryAtomicWait32, .memoryAtomicWait64:
            throw unsupported("atomic instructions (the threads proposal)")
        default:
            throw unsupported("instruction \(instruction) (a proposal Keel does not implement)")
        }
    }

    /// Ends the open metering block, telling the backend its cost.
    mutating func closeMeteringBlock() {
        if blockOpen { generator.endMeteringBlock(cost: blockCost) }
        blockOpen = false
        blockCost = 0
    }

    mutating func numeric(_ op: NumericOp?, _ live: Bool) throws(CompileError) {
        guard let op else { throw unsupported("numeric instruction outside WebAssembly 2.0") }
        let operands = op.operands
        let elide = live && options.canonicalizeNaN && op.isNaNTransparent
        // Bit k: operand k from the top came from a NaN-producing instruction in this region.
        var elided = 0
        if elide {
            for depth in 0..<operands.count where nanElision.isFresh(self.operands.count - 1 - depth) { elided |= 1 << depth }
        }
        try pop(operands)
        push(op.result)
        guard live else { return }
        if options.canonicalizeNaN && op.producesArithmeticNaN { nanElision.produced(at: self.operands.count - 1) }
        for depth in 0..<operands.count where elided & (1 << depth) != 0 { generator.elideCanonicalization(operand: depth) }
        generator.numeric(op)
    }
}

/// The functions a module may take references to with `ref.func` inside function bodies: those
/// named in exports, element segments and global initializers (C.refs in the specification).
package struct DeclaredReferences: Sendable {
    var declared: [Bool]

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

    func contains(_ index: UInt32) -> Bool { Int(index) < declared.count && declared[Int(index)] }
}
