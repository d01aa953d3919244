/// Modules shaped to make a compiler's work or output grow faster than their bytes: block
/// parameters × nesting, block results × branches, `br_table` targets × depth, calls × hot
/// locals, locals × functions, parameters × functions, select chains. Each is built in the
/// binary format at about `size` bytes of code.
enum HostileShapes {
    static func leb(_ value: Int) -> [UInt8] {
        var value = UInt64(value), out: [UInt8] = []
        repeat {
            let byte = UInt8(value & 0x7F)
            value >>= 7
            out.append(value == 0 ? byte : byte | 0x80)
        } while value != 0
        return out
    }

    static func section(_ id: UInt8, _ payload: [UInt8]) -> [UInt8] { [id] + leb(payload.count) + payload }

    static func vector(_ items: [[UInt8]]) -> [UInt8] { leb(items.count) + items.flatMap { $0 } }

    static let i32: UInt8 = 0x7F, i64: UInt8 = 0x7E, f64: UInt8 = 0x7C
    /// Below the contract profile's function limit.
    static let maxFunctions = 9_999

    static func functionType(_ parameters: [UInt8], _ results: [UInt8]) -> [UInt8] {
        [0x60] + leb(parameters.count) + parameters + leb(results.count) + results
    }

    /// A module of `types` and functions (type index, local declarations as (count, type), body
    /// without its `end`), the first exported as "f0".
    static func module(types: [[UInt8]], functions: [(type: Int, locals: [(Int, UInt8)], body: [UInt8])]) -> [UInt8] {
        let typeSection = section(1, vector(types))
        let functionSection = section(3, vector(functions.map { leb($0.type) }))
        let exports = section(7, vector([leb(2) + Array("f0".utf8) + [0x00, 0x00]]))
        let code = section(10, vector(functions.map { function in
            let entry = vector(function.locals.map { leb($0.0) + [$0.1] }) + function.body + [0x0B]
            return leb(entry.count) + entry
        }))
        return [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00] + typeSection + functionSection + exports + code
    }

    static func repeated(_ piece: [UInt8], toFill size: Int) -> [UInt8] {
        Array([[UInt8]](repeating: piece, count: max(1, size / max(1, piece.count))).joined())
    }

    /// `depth` nested `if (type 1)` with `parameters` i64 parameters (and results), closed and
    /// opened again until the body has about `size` bytes.
    static func ifParameters(parameters: Int, depth: Int, size: Int) -> [UInt8] {
        let values = Array(repeating: i64, count: parameters)
        let nest = Array(repeating: [0x41, 0x01, 0x04, 0x01] as [UInt8], count: depth).flatMap { $0 } + Array(repeating: 0x0B, count: depth)
        let body = Array(repeating: [0x42, 0x00] as [UInt8], count: parameters).flatMap { $0 } + repeated(nest, toFill: size)
            + Array(repeating: 0x1A, count: parameters)
        return module(types: [functionType([], []), functionType(values, values)], functions: [(0, [], body)])
    }

    /// A block with `arity` i64 results under one extra value, so that every `br_if 0` moves
    /// all of them; about `size` bytes of branches.
    static func branchValues(arity: Int, size: Int) -> [UInt8] {
        let values = Array(repeating: i64, count: arity)
        let pushes = Array(repeating: [0x42, 0x00] as [UInt8], count: arity + 1).flatMap { $0 }
        let body: [UInt8] = [0x02, 0x01] + pushes + repeated([0x41, 0x00, 0x0D, 0x00], toFill: size) + [0x0C, 0x00, 0x0B]
            + Array(repeating: 0x1A, count: arity)
        return module(types: [functionType([], []), functionType([], values)], functions: [(0, [], body)])
    }

    /// `depth` nested blocks with `arity` i64 results; at each level a `br_table` to every
    /// enclosing block, repeated in functions until about `size` bytes.
    static func brTableDepth(arity: Int, depth: Int, size: Int) -> [UInt8] {
        let values = Array(repeating: i64, count: arity)
        var body: [UInt8] = Array(repeating: [0x02, 0x01] as [UInt8], count: depth).flatMap { $0 }
        body += Array(repeating: [0x42, 0x00] as [UInt8], count: arity).flatMap { $0 }
        for level in 0..<depth {
            let targets = depth - level
            body += [0x41, 0x00, 0x0E] + leb(targets - 1) + (0..<(targets - 1)).flatMap { leb($0) } + leb(targets - 1)
            body += [0x0B]
        }
        body += Array(repeating: 0x1A, count: arity)
        let copies = max(1, size / body.count)
        return module(
            types: [functionType([], []), functionType([], values)], functions: Array(repeating: (0, [], body), count: copies))
    }

    /// A function whose `locals` hot locals (used in a loop, so they get registers) are kept
    /// across about `size` bytes of calls to an empty function.
    static func callsWithHotLocals(locals: Int, size: Int) -> [UInt8] {
        var use: [UInt8] = []
        for k in 0..<locals { use += [0x20] + leb(k) + [0x21] + leb(k) }
        let body = [0x03, 0x40] + use + [0x0B] + repeated([0x10, 0x01], toFill: size)
        return module(types: [functionType([], [])], functions: [(0, [(locals, i64)], body), (0, [], [])])
    }

    /// Tiny functions, each declaring `locals` i64 locals, about `size` bytes of them.
    static func manyLocals(locals: Int, size: Int) -> [UInt8] {
        let function: (type: Int, locals: [(Int, UInt8)], body: [UInt8]) = (0, [(locals, i64)], [])
        let bytesEach = 6 + leb(locals).count
        return module(types: [functionType([], [])], functions: Array(repeating: function, count: min(maxFunctions, max(1, size / bytesEach))))
    }

    /// Tiny functions of `parameters` i64 parameters, about `size` bytes of them.
    static func manyParameters(parameters: Int, size: Int) -> [UInt8] {
        let function: (type: Int, locals: [(Int, UInt8)], body: [UInt8]) = (0, [], [])
        return module(
            types: [functionType(Array(repeating: i64, count: parameters), [])], functions: Array(repeating: function, count: min(maxFunctions, max(1, size / 5))))
    }

    /// A chain of `select`s, about `size` bytes.
    static func selectChain(size: Int) -> [UInt8] {
        let body: [UInt8] = [0x41, 0x01] + repeated([0x41, 0x02, 0x41, 0x00, 0x1B], toFill: size) + [0x1A]
        return module(types: [functionType([], [])], functions: [(0, [], body)])
    }

    /// Every shape at about `size` bytes, by name, at the largest parameters the contract
    /// profile admits.
    static func all(size: Int) -> [(String, [UInt8])] {
        [
            ("if parameters × nesting", ifParameters(parameters: 16, depth: 8, size: size)),
            ("if parameters × nesting (at the budget)", ifParameters(parameters: 1, depth: 8, size: size)),
            ("if parameters × nesting (wide)", ifParameters(parameters: 128, depth: 2, size: size)),
            ("block results × br_if", branchValues(arity: 16, size: size)),
            ("block results × br_if (at the budget)", branchValues(arity: 4, size: size)),
            ("br_table × depth", brTableDepth(arity: 16, depth: 64, size: size)),
            ("br_table × depth (narrow)", brTableDepth(arity: 1, depth: 255, size: size)),
            ("calls × hot locals", callsWithHotLocals(locals: 16, size: size)),
            ("calls × many locals", callsWithHotLocals(locals: 4_000, size: size)),
            ("locals × functions", manyLocals(locals: 4_000, size: size)),
            ("parameters × functions", manyParameters(parameters: 128, size: size)),
            ("select chain", selectChain(size: size)),
        ]
    }
}
