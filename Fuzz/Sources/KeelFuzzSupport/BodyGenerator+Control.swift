import Keel

extension BodyGenerator {
    /// Opens a frame of `kind` (0x02 block, 0x03 loop, 0x04 if) typed `[parameters] -> [results]`
    /// and pushes its label.
    func open(_ kind: UInt8, _ parameters: [ValueType], _ results: [ValueType]) {
        code.byte(kind)
        blockType(parameters, results)
        labels.append(Label(types: kind == 0x03 ? parameters : results, isLoop: kind == 0x03))
    }

    /// Closes the innermost frame.
    func close() {
        code.byte(0x0B)
        labels.removeLast()
    }

    /// Block parameters for a multi-value frame: usually none, sometimes a few.
    private func frameParameters() -> [ValueType] {
        input.chance(70) ? valueTypes(maximum: 3) : []
    }

    /// Results of a frame that must yield `type`: usually just it, sometimes more around it.
    private func frameResults(with type: ValueType) -> [ValueType] {
        guard input.chance(50) else { return [type] }
        var results = valueTypes(maximum: 2)
        results.insert(type, at: input.int(0...results.count))
        return results
    }

    /// Consumes a frame's parameters at its start (spilled to locals or dropped).
    private func consumeParameters(_ parameters: [ValueType]) {
        if input.chance(128) {
            spill(parameters)
        } else {
            for _ in parameters { code.byte(0x1A) }
        }
    }

    /// A few statements (the body of a frame).
    func statements(maximum: Int = 3) {
        for _ in 0..<input.int(0...maximum) where !exhausted { statement() }
    }

    /// `block` yielding `type`, possibly with parameters and extra results, possibly left by
    /// a `br_if` whose value is the block's result.
    func blockExpression(_ type: ValueType) {
        guard canNest else { return leaf(type) }
        let parameters = frameParameters(), results = frameResults(with: type)
        expressions(parameters)
        open(0x02, parameters, results)
        consumeParameters(parameters)
        statements()
        expressions(results)
        if input.chance(60) {
            expression(.i32)
            code.byte(0x0D)
            code.unsigned(0)
        }
        close()
        reduce(results, to: type)
    }

    /// `if`/`else` yielding `type`, with parameters sometimes; each arm consumes them.
    func ifExpression(_ type: ValueType) {
        guard canNest else { return leaf(type) }
        let parameters = frameParameters(), results = frameResults(with: type)
        expressions(parameters)
        expression(.i32)
        open(0x04, parameters, results)
        consumeParameters(parameters)
        statements()
        expressions(results)
        code.byte(0x05)
        consumeParameters(parameters)
        statements()
        expressions(results)
        close()
        reduce(results, to: type)
    }

    /// `loop` yielding `type`, repeated under a counter local (a few iterations, sometimes
    /// many: the fuel bounds them); its parameters are carried around each iteration.
    func loopExpression(_ type: ValueType) {
        guard canNest else { return leaf(type) }
        let parameters = frameParameters(), results = frameResults(with: type)
        let counter = scratch(.i32)
        code.byte(0x41)
        code.signed(Int64(input.chance(20) ? input.int(0...100_000) : input.int(1...12)))
        local(0x21, counter)
        expressions(parameters)
        open(0x03, parameters, results)
        let carried = spill(parameters)
        statements()
        for slot in carried { local(0x20, slot) }
        local(0x20, counter)
        code.append([0x41, 0x01, 0x6B])
        local(0x22, counter)
        code.append([0x0D, 0x00])
        for _ in parameters { code.byte(0x1A) }
        expressions(results)
        close()
        reduce(results, to: type)
    }

    /// A callee: usually a later function (no recursion), sometimes any, itself included.
    private func callee() -> Int {
        let count = context.layout.functionTypes.count
        if functionIndex + 1 < count && input.chance(220) {
            return input.int((functionIndex + 1)...(count - 1))
        }
        return input.int(0...(count - 1))
    }

    /// `call` of some function, its results reduced to `type`.
    func call(producing type: ValueType) {
        let target = callee()
        let callee = context.layout.signature(ofFunction: target)
        expressions(callee.parameters)
        code.byte(0x10)
        code.unsigned(target)
        reduce(callee.results, to: type)
    }

    /// `call_indirect` through the table at some index, with a signature of the module's
    /// functions (so some entries match and others trap with a type mismatch).
    func callIndirect(producing type: ValueType) {
        let typeIndex = input.pick(context.layout.functionTypes)
        let callee = context.layout.types[typeIndex]
        expressions(callee.parameters)
        tableIndex()
        code.byte(0x11)
        code.unsigned(typeIndex)
        code.byte(0x00)
        reduce(callee.results, to: type)
    }

    /// A label to branch to: mostly a forward one (not a loop); for a conditional branch,
    /// not the function's own label unless the options allow it (nil when none is left).
    func branchTarget(conditional: Bool = false) -> Int? {
        let lowest = conditional && !context.options.conditionalBranchToFunction ? 1 : 0
        guard lowest < labels.count else { return nil }
        let forward = labels.indices.filter { !labels[$0].isLoop && $0 >= lowest }
        if forward.isEmpty || input.chance(8) { return input.int(lowest...(labels.count - 1)) }
        return input.pick(forward)
    }

    /// `br` to a label with its values; the code after it (the rest of the tree) is dead.
    func branch(producing type: ValueType) {
        let target = branchTarget()!
        expressions(labels[target].types)
        code.byte(0x0C)
        code.unsigned(depthOf(label: target))
    }

    /// `br_if` to a label with its values; when not taken they stay and are reduced to `type`.
    func branchIf(producing type: ValueType) {
        guard let target = branchTarget(conditional: true) else { return leaf(type) }
        let types = labels[target].types
        expressions(types)
        expression(.i32)
        code.byte(0x0D)
        code.unsigned(depthOf(label: target))
        reduce(types, to: type)
    }

    /// `br_table` over labels that all carry the same types as the default's.
    func branchTable(producing type: ValueType) {
        let fallback = branchTarget()!
        let types = labels[fallback].types
        let compatible = labels.indices.filter { labels[$0].types == types && (!labels[$0].isLoop || input.chance(10)) }
        let count = input.chance(20) ? input.int(0...300) : input.int(0...8)
        expressions(types)
        expression(.i32)
        code.byte(0x0E)
        code.unsigned(count)
        for _ in 0..<count { code.unsigned(depthOf(label: compatible.isEmpty ? fallback : input.pick(compatible))) }
        code.unsigned(depthOf(label: fallback))
    }

    /// `return` with the function's results, or `unreachable`.
    func exit(producing type: ValueType) {
        if input.chance(60) {
            code.byte(0x00)
        } else {
            expressions(signature.results)
            code.byte(0x0F)
        }
    }

    /// Many nested `block`s, each adding to the value passed out (the innermost may branch
    /// out of any of them).
    func deepNesting(_ type: ValueType) {
        let room = context.options.maxNesting - labels.count - 2
        guard room > 2 else { return leaf(type) }
        let levels = input.int(2...min(room, 120))
        for _ in 0..<levels { open(0x02, [], [type]) }
        expression(type)
        for _ in 0..<levels {
            if input.chance(40), let op = NumericOps.producing(type).first(where: { $0.operands == [type] }) {
                code.append(op.code)
            }
            close()
        }
    }
}
