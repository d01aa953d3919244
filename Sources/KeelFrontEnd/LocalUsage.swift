/// How heavily a function uses each of its locals: every `local.get`, `local.set` and `local.tee`
/// counts 8^d for its loop nesting depth d (capped at 8^6), saturating at `UInt32.max`.
///
/// A backend that keeps the hottest locals in registers for a whole function (`CodeGenerator`'s
/// `wantsLocalUsage`) gets these weights before `beginFunction`, computed from the decoded body
/// (`ModuleCompiler.translate` decodes a body completely before translating it). Indices out of
/// range are not counted: the translator reports them.
package enum LocalUsage {
    /// The weights of the locals of a decoded body.
    static func weights(of operators: [Operator], localCount: Int) -> [UInt32] {
        var weights = [UInt32](repeating: 0, count: localCount)
        var openLoops: [Bool] = []
        var loopDepth = 0
        for instruction in operators {
            let index: UInt32
            switch instruction {
            case .block, .if:
                openLoops.append(false)
                continue
            case .loop:
                openLoops.append(true)
                loopDepth += 1
                continue
            case .end:
                if openLoops.popLast() == true { loopDepth -= 1 }
                continue
            case .localGet(let local), .localSet(let local), .localTee(let local):
                index = local
            default:
                continue
            }
            guard Int(index) < localCount else { continue }
            let weight: UInt32 = 1 << (3 * min(loopDepth, 6))
            let (sum, overflow) = weights[Int(index)].addingReportingOverflow(weight)
            weights[Int(index)] = overflow ? .max : sum
        }
        return weights
    }

    /// The weights of the locals of body `code` (module offset `offset`), decoding it first.
    package static func weights(of code: ArraySlice<UInt8>, moduleOffset offset: Int, localCount: Int, multiMemory: Bool) throws(CompileError) -> [UInt32] {
        var decoder = BodyDecoder(bytes: code, moduleOffset: offset, multiMemory: multiMemory, functionIndex: 0)
        var operators: [Operator] = []
        while !decoder.atEnd { operators.append(try decoder.next()) }
        return weights(of: operators, localCount: localCount)
    }
}
