import Keel

extension BodyGenerator {
    /// The kinds of statement, in the order of their weights in ``statement()``.
    private enum StatementKind: Int, CaseIterable {
        case localSet, globalSet, store, drop, bulkMemory, table, block, ifThen, loop, branchIf, call, nop
    }

    private static let weights: [Int] = [16, 6, 16, 8, 6, 5, 5, 5, 5, 3, 5, 1]

    /// Emits instructions that leave the operand stack as they found it.
    func statement() {
        spend()
        let kind = StatementKind(rawValue: input.weighted(Self.weights))!
        switch kind {
        case .localSet:
            let type = valueType()
            expression(type)
            local(0x21, localIndex(of: type) ?? scratch(type))
        case .globalSet:
            let mutable = context.layout.globals.indices.filter { context.layout.globals[$0].mutable }
            guard let global = mutable.isEmpty ? nil : input.pick(mutable) else { return statement() }
            expression(context.layout.globals[global].type)
            code.byte(0x24)
            code.unsigned(global)
        case .store:
            store()
        case .drop:
            expression(valueType())
            code.byte(0x1A)
        case .bulkMemory:
            bulkMemory()
        case .table:
            tableOperation()
        case .block:
            guard canNest else { return }
            open(0x02, [], [])
            statements()
            if input.chance(90) { branchIfStatement() }
            statements()
            close()
        case .ifThen:
            guard canNest else { return }
            expression(.i32)
            open(0x04, [], [])
            statements()
            if input.chance(128) {
                code.byte(0x05)
                statements()
            }
            close()
        case .loop:
            guard canNest else { return }
            loopExpression(valueType())
            code.byte(0x1A)
        case .branchIf:
            branchIfStatement()
        case .call:
            call(producing: valueType())
            code.byte(0x1A)
        case .nop:
            code.byte(0x01)
        }
    }

    /// `br_if` to a label with its values; when not taken they are dropped.
    private func branchIfStatement() {
        guard let target = branchTarget(conditional: true) else { return }
        let types = labels[target].types
        expressions(types)
        expression(.i32)
        code.byte(0x0D)
        code.unsigned(depthOf(label: target))
        for _ in types { code.byte(0x1A) }
    }
}
