import KeelFrontEnd
import KeelRuntime

/// A module's machine code: every defined function placed in one W^X arena (so direct calls
/// are `call rel32`), released with this object.
package final class JITModuleCode {
    package let memory: CodeMemory
    /// What the runtime needs to enter each defined function, in index order.
    private let frames: [(parameterCount: Int, localCount: Int, resultCount: Int, frameSlots: Int, stackCost: Int)]
    /// Bytes of machine code (without alignment padding).
    package let codeBytes: Int
    /// Where each defined function's code lies in `memory`, in index order.
    package let functionRanges: [Range<Int>]
    /// The code's registration with the trap handler: it has no trap sites (every check is
    /// explicit), so a fault in it is reported as an engine fault (`FaultReporting`).
    private let registration: CodeRegistration

    private init(memory: CodeMemory, offsets: [Int], compiled: [JITFunctionCode]) {
        self.memory = memory
        registration = CodeRegistration(
            memory: memory, sites: [], landingPad: 0, contextRegister: X64MacroAssembler.context, stackPointerOffset: JITContextLayout.savedStackPointer)
        codeBytes = compiled.reduce(0) { $0 + $1.byteCount }
        functionRanges = zip(offsets, compiled).map { offset, code in offset..<(offset + code.byteCount) }
        frames = compiled.map { ($0.parameterCount, $0.localCount, $0.resultCount, $0.frameSlots, $0.stackCost) }
    }

    /// Every defined function's code, in index order, each keeping this object (and so its
    /// machine code) alive. Built when asked, like the interpreter's: a stored array of them
    /// would own this object and be owned by it, and neither would ever be released.
    package var functions: [FunctionCode] {
        zip(functionRanges, frames).map { range, frame in
            FunctionCode(
                owner: self, entry: memory.address(of: range.lowerBound), parameterCount: frame.parameterCount,
                localCount: frame.localCount, resultCount: frame.resultCount, frameSize: frame.frameSlots, stackCost: frame.stackCost)
        }
    }

    /// The linked machine code of defined function `k` (calls between functions resolved), as
    /// it runs.
    package func bytes(ofDefined k: Int) -> [UInt8] {
        let range = functionRanges[k]
        // Sound: `range` lies within the `memory.used` bytes appended to the mapping, which
        // stays mapped and readable (read+write or read+execute) while `self` is alive.
        let start = UnsafeRawPointer(memory.base).advanced(by: range.lowerBound).assumingMemoryBound(to: UInt8.self)
        return Array(UnsafeBufferPointer(start: start, count: range.count))
    }

    /// The most machine code per byte of code section that the front-end's limits let a module
    /// produce (docs/determinism.md, section 5; measured on the hostile shapes by
    /// `CompileBoundTests`, which holds the JIT to it).
    package static let machineCodePerByte = 40

    /// Compiles every defined function of `info` and links them, using only the optional
    /// instructions in `features` (the host's by default; fewer to exercise the fallbacks).
    package static func compile(
        module info: ModuleInfo, declaredReferences: DeclaredReferences, options: FrontEndOptions, features: CPUFeatures = .host
    ) throws(CompileError) -> JITModuleCode {
        var compiled: [JITFunctionCode] = []
        compiled.reserveCapacity(info.bodies.count)
        let buffers = TranslationBuffers()
        // One code buffer for every function: when a function is finished its bytes are placed
        // in the module's arena (16-byte aligned), and the next function starts from the
        // emptied buffer. The arena is mapped for the most machine code a module's bytes can
        // give (`machineCodePerByte`; only pages written cost memory), shrunk to what was used
        // before it is made executable, and grows (moving what it holds: nothing refers to its
        // addresses until it is linked) should a module ever need more.
        let code = CodeBuffer(capacity: 1 << 16)
        let storage = JITGeneratorStorage<X64MacroAssembler>()
        var offsets: [Int] = []
        offsets.reserveCapacity(info.bodies.count)
        var memory = try placing { () throws(CodeMemoryError) in try CodeMemory(capacity: machineCodePerByte * info.codeSize + (64 << 10)) }
        for index in info.importedFunctionCount..<info.functionTypes.count {
            // The previous function's macro-assembler, reset (emptying `code`), or a new one.
            let masm = storage.takeMasm { X64MacroAssembler(buffer: code, features: features) }
            compiled.append(try ModuleCompiler.translate(
                module: info, declaredReferences: declaredReferences, functionIndex: index, options: options,
                generator: JITGenerator(canonicalizeNaN: options.canonicalizeNaN, masm: masm, storage: storage),
                buffers: buffers))
            offsets.append(try placing { () throws(CodeMemoryError) -> Int in
                let needed = (memory.used + 15) / 16 * 16 + code.count
                if needed > memory.capacity { memory = try grown(memory, toHold: needed) }
                return try memory.append(code)
            })
        }
        return try placing { () throws(CodeMemoryError) in try link(compiled, in: memory, at: offsets) }
    }

    /// `body`'s result; its code-memory failure as a compile error (a resource limit).
    static func placing<T>(_ body: () throws(CodeMemoryError) -> T) throws(CompileError) -> T {
        do {
            return try body()
        } catch {
            throw CompileError(.limit, "jit code memory: \(error)")
        }
    }

    /// A bigger arena holding `memory`'s code at the same offsets.
    static func grown(_ memory: CodeMemory, toHold needed: Int) throws(CodeMemoryError) -> CodeMemory {
        let bigger = try CodeMemory(capacity: max(2 * memory.capacity, needed))
        // Sound: the first `used` bytes of the old arena are mapped and readable (it is still
        // writable: nothing has been made executable yet).
        _ = try bigger.append(UnsafeRawBufferPointer(start: memory.base, count: memory.used))
        return bigger
    }

    /// Resolves the calls between the functions placed in `memory` (function `k` at
    /// `offsets[k]`) and makes it executable.
    static func link(_ compiled: [JITFunctionCode], in memory: CodeMemory, at offsets: [Int]) throws(CodeMemoryError) -> JITModuleCode {
        for (k, code) in compiled.enumerated() {
            for fixup in code.callFixups {
                let at = offsets[k] + fixup.at
                let target = offsets[fixup.definedFunction]
                try memory.patch32(at: at, UInt32(bitPattern: Int32(target - (at + 4))))
            }
        }
        memory.shrinkToFit()
        try memory.makeExecutable()
        return JITModuleCode(memory: memory, offsets: offsets, compiled: compiled)
    }
}

/// The generator on x86-64. The conformance names the concrete macro-assembler (rather than
/// holding for every `Masm`) so that its witnesses are specialized, every macro-assembler call
/// in them static, wherever the generator is reached through the protocol. (When the
/// translator called them unspecialized, a conformance for all `Masm` made a 2 MB module's
/// compile take 975 ms instead of 255.) `ModuleCompiler.translate` is `@inlinable` and is
/// compiled in this module for this generator, so its calls are direct. A second target would
/// declare this conformance instead, per architecture.
extension JITGenerator: CodeGenerator where Masm == X64MacroAssembler {}

extension JITGenerator where Masm == X64MacroAssembler {
    /// The x86-64 code generator, using only the optional instructions in `features`.
    package init(canonicalizeNaN: Bool, features: CPUFeatures = .host) {
        self.init(canonicalizeNaN: canonicalizeNaN, masm: X64MacroAssembler(buffer: CodeBuffer(capacity: 1024), features: features))
    }
}
