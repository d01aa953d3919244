import WasmParser

/// How heavily a function uses each of its locals: every `local.get`, `local.set` and `local.tee`
/// counts 8^d for its loop nesting depth d (capped at 8^6), saturating at `UInt32.max`.
///
/// A backend that keeps the hottest locals in registers for a whole function (`CodeGenerator`'s
/// `wantsLocalUsage`) gets these weights before `beginFunction`. The scan is one extra decode of
/// the body, linear in its size; it stops quietly at bytes it cannot decode, since the validating
/// pass that follows reports them.
package enum LocalUsage {
    package static func weights(of code: Code, localCount: Int) -> [UInt32] {
        var scanner = Scanner(weights: Array(repeating: 0, count: localCount))
        var parser = ExpressionParser(code: code)
        do {
            while let visit = try parser.parse() {
                try visit(visitor: &scanner)
                if scanner.finished { break }
            }
        } catch {}
        return scanner.weights
    }

    struct Scanner: AnyInstructionVisitor {
        typealias VisitorError = Error
        var weights: [UInt32]
        /// Whether each open block, loop or if is a loop.
        var openLoops: [Bool] = []
        var loopDepth = 0
        var finished = false
        var binaryOffset = 0

        mutating func count(_ index: UInt32) {
            guard Int(index) < weights.count else { return }
            let weight: UInt32 = 1 << (3 * min(loopDepth, 6))
            let (sum, overflow) = weights[Int(index)].addingReportingOverflow(weight)
            weights[Int(index)] = overflow ? .max : sum
        }

        mutating func visit(_ instruction: Instruction) throws {
            switch instruction {
            case .block, .if: openLoops.append(false)
            case .loop:
                openLoops.append(true)
                loopDepth += 1
            case .end:
                guard let wasLoop = openLoops.popLast() else {
                    finished = true
                    return
                }
                if wasLoop { loopDepth -= 1 }
            case .localGet(let index), .localSet(let index), .localTee(let index): count(index)
            default: break
            }
        }
    }
}
