import Keel

/// Generates one valid, type-correct function body.
///
/// Code is produced as trees: ``expression(_:)`` emits instructions that push exactly one
/// value of a type, ``statement()`` instructions that leave the operand stack as it was.
/// Both keep a model of the enclosing labels (their branch types and whether they are
/// loops), so every branch carries the values its target expects. After an unconditional
/// branch the rest of the tree is still emitted: the validator treats that code as
/// stack-polymorphic, so it type-checks whatever the model pushed.
final class BodyGenerator {
    /// A branch target: the types a branch to it carries and whether it is a loop (a backward
    /// branch, generated only under a counter so most executions end before the fuel runs out).
    struct Label {
        var types: [ValueType]
        var isLoop: Bool
    }

    let context: GenerationContext
    let functionIndex: Int
    let signature: FunctionType
    /// Parameters, then declared locals (scratch locals are appended as needed).
    var locals: [ValueType]
    var labels: [Label] = []
    var code = WasmWriter()
    /// Instructions left to spend; at zero only leaves (constants, local reads) are chosen.
    var budget: Int
    /// Depth of the expression tree being emitted.
    var depth = 0

    init(context: GenerationContext, functionIndex: Int) {
        self.context = context
        self.functionIndex = functionIndex
        self.signature = context.layout.signature(ofFunction: functionIndex)
        self.locals = signature.parameters
        self.budget = context.input.int(8...context.options.maxInstructionsPerFunction)
    }

    /// The body's encoding (local declarations, code, `end`), without its size prefix.
    func generate() -> [UInt8] {
        declareLocals()
        labels = [Label(types: signature.results, isLoop: false)]
        let count = context.input.int(0...6)
        for _ in 0..<count { statement() }
        expressions(signature.results)
        code.byte(0x0B)
        var body = WasmWriter()
        let declared = Array(locals.dropFirst(signature.parameters.count))
        var groups: [(count: Int, type: ValueType)] = []
        for type in declared {
            if let last = groups.last, last.type == type { groups[groups.count - 1].count += 1 } else { groups.append((1, type)) }
        }
        body.unsigned(groups.count)
        for group in groups {
            body.unsigned(group.count)
            body.valueType(group.type)
        }
        body.append(code.bytes)
        return body.bytes
    }

    private func declareLocals() {
        let many = context.input.chance(12)
        let count = many ? context.input.int(50...context.options.maxLocals) : context.input.int(0...8)
        for _ in 0..<count { locals.append(valueType()) }
    }

    // MARK: Choices shared by every construct

    var input: FuzzInput {
        get { context.input }
        _modify { yield &context.input }
    }

    /// Whether to emit only leaves from here on.
    var exhausted: Bool { budget <= 0 || depth > 10 }

    /// Room for one more label under the nesting limit.
    var canNest: Bool { labels.count < context.options.maxNesting - 1 }

    /// A numeric value type the options allow.
    func valueType() -> ValueType {
        context.options.allowFloats ? input.pick(NumericOps.numericTypes) : input.pick([.i32, .i64])
    }

    /// A list of 0...`maximum` value types.
    func valueTypes(maximum: Int) -> [ValueType] {
        (0..<input.int(0...maximum)).map { _ in valueType() }
    }

    /// Spends one instruction.
    func spend(_ amount: Int = 1) { budget -= amount }

    /// A fresh local of `type`.
    func scratch(_ type: ValueType) -> Int {
        locals.append(type)
        return locals.count - 1
    }

    /// Emits `local.get`/`local.set`/`local.tee` of `index`.
    func local(_ opcode: UInt8, _ index: Int) {
        code.byte(opcode)
        code.unsigned(index)
    }

    /// Emits an expression for each of `types`, in order.
    func expressions(_ types: [ValueType]) {
        for type in types { expression(type) }
    }

    /// Pops values of `types` (the top of the stack is the last) into fresh locals, returning
    /// the locals in `types` order.
    @discardableResult
    func spill(_ types: [ValueType]) -> [Int] {
        let slots = types.map(scratch)
        for slot in slots.reversed() { local(0x21, slot) }
        return slots
    }

    /// Turns values of `types` on the stack into one value of `type`: spills them and reads
    /// back one of the right type, or computes a new one when none fits.
    func reduce(_ types: [ValueType], to type: ValueType) {
        let slots = spill(types)
        if let chosen = zip(slots, types).filter({ $0.1 == type }).map(\.0).last {
            local(0x20, chosen)
        } else {
            expression(type)
        }
    }

    /// Emits a block type for `[parameters] -> [results]`: the empty or one-result shorthand
    /// when it fits, else a type index (multi-value).
    func blockType(_ parameters: [ValueType], _ results: [ValueType]) {
        if parameters.isEmpty && results.isEmpty {
            code.byte(0x40)
        } else if parameters.isEmpty && results.count == 1 && input.chance(200) {
            code.valueType(results[0])
        } else {
            code.signed(Int64(context.layout.index(of: FunctionType(parameters: parameters, results: results))))
        }
    }

    /// The relative branch depth of label `index` (0 is the function's own).
    func depthOf(label index: Int) -> Int { labels.count - 1 - index }
}
