import KeelFrontEnd
import KeelRuntime

/// One instruction of the interpreter's internal code: its handler (first, so the dispatch
/// loads it from the instruction's address), up to three 32-bit operands (frame slot indices,
/// immediates or relative branch targets), a 16-bit auxiliary operand and the opcode.
package struct Inst {
    let handler: Handler
    package var a: UInt32
    package var b: UInt32
    package var c: UInt32
    package var x: UInt16
    package let op: Op

    @inline(__always)
    init(_ op: Op, x: UInt16 = 0, a: UInt32 = 0, b: UInt32 = 0, c: UInt32 = 0) {
        self.handler = handlerTable[Int(op.rawValue)]
        self.op = op
        self.x = x
        self.a = a
        self.b = b
        self.c = c
    }

    /// Operand field `index`: 0 is `a`, 1 is `b`, 2 is `c`.
    func field(_ index: Int) -> UInt32 {
        index == 0 ? a : index == 1 ? b : c
    }

    /// Replaces the opcode (and handler), keeping the operands.
    mutating func setOp(_ op: Op) {
        self = Inst(op, x: x, a: a, b: b, c: c)
    }

    /// An extension word carrying a 64-bit constant in `b` (low) and `c` (high).
    init(wide value: UInt64) {
        self.init(.unreachable, b: UInt32(truncatingIfNeeded: value), c: UInt32(truncatingIfNeeded: value >> 32))
    }

    /// The 64-bit constant of an extension word.
    var b64: UInt64 { UInt64(b) | UInt64(c) << 32 }

    /// The static cost a `fuel` (charge) instruction carries: `a` low, `b` high.
    var fuelCost: UInt64 { UInt64(a) | UInt64(b) << 32 }

    /// A `brTable` entry: its target as an offset from the entry in `a`, and the target
    /// instruction's handler in place of its own (an entry is never run), so the table jumps
    /// without first loading the target.
    init(tableEntry entry: Inst, targetHandler: Handler) {
        self.handler = targetHandler
        self.op = entry.op
        self.x = entry.x
        self.a = entry.a
        self.b = entry.b
        self.c = entry.c
    }

    /// The instruction runs stop at (see `exitInstruction`).
    init(exit handler: Handler) {
        self.handler = handler
        self.op = .unreachable
        self.x = 0
        self.a = 0
        self.b = 0
        self.c = 0
    }
}

/// A function translated into internal code, ready to run.
package final class CompiledFunction {
    /// The code; owned by this object, freed in deinit, never mutated after creation.
    package let code: UnsafeMutablePointer<Inst>
    package let count: Int
    package let parameterCount: Int
    /// Parameters plus declared locals.
    package let localCount: Int
    package let resultCount: Int
    /// Slots the interpreter's frame occupies: locals plus its deepest operand stack (which can
    /// exceed the WebAssembly operand stack: `if` blocks with parameters run on copies).
    package let frameSize: Int
    /// What one activation counts against the call-stack limit: decided by the front-end from
    /// WebAssembly-level quantities, identical in every backend.
    package let stackCost: Int

    init(code instructions: [Inst], parameterCount: Int, localCount: Int, resultCount: Int, frameSize: Int, stackCost: Int) {
        count = instructions.count
        let buffer = UnsafeMutablePointer<Inst>.allocate(capacity: Swift.max(instructions.count, 1))
        // Sound: the buffer was just allocated with room for every instruction.
        instructions.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.initialize(from: base, count: source.count) }
        }
        // Sound: entries and their targets lie inside the buffer (the translator bound them).
        var index = 0
        while index < instructions.count {
            let op = buffer[index].op
            if op == .brTable || op == .brTableAccA {
                for entry in (index + 1)...(index + 1 + Int(buffer[index].b)) {
                    let target = entry + Int(Int32(bitPattern: buffer[entry].a))
                    buffer[entry] = Inst(tableEntry: buffer[entry], targetHandler: buffer[target].handler)
                }
                index += Int(buffer[index].b) + 2
            } else {
                index += buffer[index].op.hasExtensionWord ? 2 : 1
            }
        }
        code = buffer
        self.parameterCount = parameterCount
        self.localCount = localCount
        self.resultCount = resultCount
        self.frameSize = frameSize
        self.stackCost = stackCost
    }

    deinit {
        code.deallocate()
    }

    /// The runtime's view of this code: functions instantiated from it enter at `code`.
    package var functionCode: FunctionCode {
        FunctionCode(
            owner: self, entry: UnsafeRawPointer(code), parameterCount: parameterCount, localCount: localCount,
            resultCount: resultCount, frameSize: frameSize, stackCost: stackCost)
    }
}
