/// How heavily a function uses each of its locals: every `local.get`, `local.set` and `local.tee`
/// counts 8^d for its loop nesting depth d (capped at 8^6), saturating at `UInt32.max`.
///
/// A backend that keeps the hottest locals in registers for a whole function (`CodeGenerator`'s
/// `wantsLocalUsage`) gets these weights before `beginFunction`, counted as the body is decoded
/// (`ModuleCompiler.translate` decodes a body completely before translating it). Indices out of
/// range are not counted: the translator reports them.
@usableFromInline
package enum LocalUsage {
    /// Counts uses instruction by instruction, as a body is decoded.
    @usableFromInline struct Counter {
        @usableFromInline private(set) var weights: [UInt32]
        /// Whether each open block, loop or if is a loop.
        @usableFromInline var openLoops: [Bool] = []
        @usableFromInline var loopDepth = 0

        @inlinable init(localCount: Int) {
            weights = [UInt32](repeating: 0, count: localCount)
        }

        @inline(__always)
        @inlinable mutating func count(_ instruction: Operator) {
            let index: UInt32
            switch instruction {
            case .localGet(let local), .localSet(let local), .localTee(let local):
                index = local
            case .block, .if:
                openLoops.append(false)
                return
            case .loop:
                openLoops.append(true)
                loopDepth += 1
                return
            case .end:
                if openLoops.popLast() == true { loopDepth -= 1 }
                return
            default:
                return
            }
            guard Int(index) < weights.count else { return }
            let weight: UInt32 = 1 << (3 * min(loopDepth, 6))
            let (sum, overflow) = weights[Int(index)].addingReportingOverflow(weight)
            weights[Int(index)] = overflow ? .max : sum
        }
    }

    /// The weights of the locals of body `code` (module offset `offset`), decoding it first.
    package static func weights(of code: ArraySlice<UInt8>, moduleOffset offset: Int, localCount: Int, multiMemory: Bool) throws(CompileError) -> [UInt32] {
        var decoder = BodyDecoder(bytes: code, moduleOffset: offset, multiMemory: multiMemory, functionIndex: 0)
        var counter = Counter(localCount: localCount)
        while !decoder.atEnd { counter.count(try decoder.next()) }
        return counter.weights
    }
}
