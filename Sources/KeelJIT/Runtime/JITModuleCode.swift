import KeelFrontEnd
import KeelRuntime

/// A module's machine code: every defined function placed in one W^X arena (so direct calls
/// are `call rel32`), released with this object.
package final class JITModuleCode {
    package let memory: CodeMemory
    package private(set) var functions: [FunctionCode] = []
    /// Bytes of machine code (without alignment padding).
    package let codeBytes: Int
    /// Where each defined function's code lies in `memory`, in index order.
    package let functionRanges: [Range<Int>]

    private init(memory: CodeMemory, offsets: [Int], compiled: [JITFunctionCode]) {
        self.memory = memory
        codeBytes = compiled.reduce(0) { $0 + $1.byteCount }
        functionRanges = zip(offsets, compiled).map { offset, code in offset..<(offset + code.byteCount) }
        functions = zip(offsets, compiled).map { offset, code in
            FunctionCode(
                owner: self, entry: memory.address(of: offset), parameterCount: code.parameterCount, localCount: code.localCount,
                resultCount: code.resultCount, frameSize: code.frameSlots, stackCost: code.stackCost)
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

    /// Compiles every defined function of `info` and links them, using only the optional
    /// instructions in `features` (the host's by default; fewer to exercise the fallbacks).
    package static func compile(
        module info: ModuleInfo, declaredReferences: DeclaredReferences, options: FrontEndOptions, features: CPUFeatures = .host
    ) throws(CompileError) -> JITModuleCode {
        var compiled: [JITFunctionCode] = []
        compiled.reserveCapacity(info.bodies.count)
        let buffers = TranslationBuffers()
        // One code buffer for every function: when a function is finished its bytes are
        // appended to `image` (the module's code as it will be placed, functions 16-byte
        // aligned), and the next function starts from the emptied buffer.
        let code = CodeBuffer(capacity: 1 << 16)
        let storage = JITGeneratorStorage<X64MacroAssembler>()
        var image: [UInt8] = []
        image.reserveCapacity(4 * info.codeSize + 4096)
        var offsets: [Int] = []
        offsets.reserveCapacity(info.bodies.count)
        for index in info.importedFunctionCount..<info.functionTypes.count {
            code.removeAll()
            let masm = storage.takeMasm { X64MacroAssembler(buffer: code, features: features) }
            compiled.append(try ModuleCompiler.translate(
                module: info, declaredReferences: declaredReferences, functionIndex: index, options: options,
                generator: JITGenerator(canonicalizeNaN: options.canonicalizeNaN, masm: masm, storage: storage),
                buffers: buffers))
            // Padding between functions traps if ever reached (int3).
            image.append(contentsOf: repeatElement(0xCC, count: (16 - image.count % 16) % 16))
            offsets.append(image.count)
            code.withUnsafeBytes { image.append(contentsOf: $0) }
        }
        return try link(compiled, image: image, offsets: offsets)
    }

    /// Places `image` (every function's code, function `k` at `offsets[k]`) in a new arena and
    /// resolves the calls between the functions.
    static func link(_ compiled: [JITFunctionCode], image: [UInt8], offsets: [Int]) throws(CompileError) -> JITModuleCode {
        do {
            let memory = try CodeMemory(capacity: max(image.count, 16))
            // The arena starts page-aligned, so the image's 16-byte alignment is kept.
            let placed = try image.withUnsafeBytes { (bytes) throws(CodeMemoryError) -> Int in try memory.append(bytes) }
            precondition(placed == 0, "a new arena places the image at its start")
            for (k, code) in compiled.enumerated() {
                for fixup in code.callFixups {
                    let at = offsets[k] + fixup.at
                    let target = offsets[fixup.definedFunction]
                    try memory.patch32(at: at, UInt32(bitPattern: Int32(target - (at + 4))))
                }
            }
            try memory.makeExecutable()
            return JITModuleCode(memory: memory, offsets: offsets, compiled: compiled)
        } catch {
            throw CompileError(.limit, "jit code memory: \(error)")
        }
    }
}

/// The generator on x86-64. The conformance names the concrete macro-assembler (rather than
/// holding for every `Masm`) so that its witnesses, which the front-end's generic
/// `ModuleCompiler.translate` calls, are specialized: every macro-assembler call in them is
/// static. (A conformance for all `Masm` would leave them generic, with dynamic dispatch on
/// every emitted instruction.) A second target would declare this conformance instead, per
/// architecture.
extension JITGenerator: CodeGenerator where Masm == X64MacroAssembler {}

extension JITGenerator where Masm == X64MacroAssembler {
    /// The x86-64 code generator, using only the optional instructions in `features`.
    package init(canonicalizeNaN: Bool, features: CPUFeatures = .host) {
        self.init(canonicalizeNaN: canonicalizeNaN, masm: X64MacroAssembler(buffer: CodeBuffer(capacity: 1024), features: features))
    }
}
