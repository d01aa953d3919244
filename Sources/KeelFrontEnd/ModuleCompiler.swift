import WasmParser

/// What the front-end accepts and what it asks of backends.
public struct FrontEndOptions: Sendable {
    @usableFromInline package var multiMemory: Bool
    /// Fuel metering: when set, the translator marks metering blocks with their static cost.
    @usableFromInline package var metering: CostSchedule?
    /// When false (no-float mode), any f32 or f64 anywhere in a module rejects it.
    @usableFromInline package var allowFloats: Bool
    @usableFromInline package var limits: ResourceLimits
    /// NaN canonicalization: when set, the translator tells the backend which canonicalizations
    /// it may skip (`NaNElision`).
    @usableFromInline package var canonicalizeNaN: Bool
    package init(multiMemory: Bool, metering: CostSchedule? = nil, allowFloats: Bool = true, limits: ResourceLimits = .standard, canonicalizeNaN: Bool = false) {
        self.multiMemory = multiMemory
        self.metering = metering
        self.allowFloats = allowFloats
        self.limits = limits
        self.canonicalizeNaN = canonicalizeNaN
    }

    var parserFeatures: WasmFeatureSet { multiMemory ? [.referenceTypes, .multiMemory] : [.referenceTypes] }
}

/// The front-end entry point: decode, validate the module, then translate each function body
/// through a backend's `CodeGenerator`.
///
/// `translate` and what its inlined body names (`CodeGenerator`, `ModuleInfo`, `FrontEndOptions`,
/// the operation enums) are `public`, not `package`, for one reason: the compiler serializes the
/// bodies of `@inlinable` declarations for other modules only when they are public, and a
/// backend needs the body to specialize the translator for its generator (in the JIT about 8%
/// of compile time, in the interpreter about 15%). KeelFrontEnd is not a product, and `Keel`
/// re-exports only its value types, so none of this reaches Keel's users.
public enum ModuleCompiler {
    /// Decodes and validates module-level structure.
    package static func decodeAndValidate(_ bytes: [UInt8], options: FrontEndOptions) throws(CompileError) -> ModuleInfo {
        try options.limits.check(bytes.count, against: options.limits.moduleSize, "module size in bytes")
        try LocalDeclarationScan.check(bytes, limits: options.limits)
        let module = try Decoder.decode(bytes, options: options)
        try options.limits.check(module)
        try ModuleValidator.validate(module, options: options)
        return module
    }

    /// Validates and translates the body of defined function `index` (function index space).
    /// `buffers` keeps its storage from one function to the next: a backend compiling a whole
    /// module passes the same one for every function.
    @inlinable
    public static func translate<G: CodeGenerator>(
        module: ModuleInfo, declaredReferences: DeclaredReferences, functionIndex index: Int, options: FrontEndOptions, generator: consuming G,
        buffers: TranslationBuffers = TranslationBuffers()
    ) throws(CompileError) -> G.Output {
        let body = module.bodies[index - module.importedFunctionCount]
        let bodyOffset = body.offset
        let localCount = module.functionType(UInt32(index)).parameters.count + body.locals.count
        try options.limits.check(localCount, against: options.limits.localsPerFunction, "locals", offset: bodyOffset, functionIndex: index)
        try options.limits.check(body.code.expression.count, against: options.limits.functionBodySize, "function body size in bytes", offset: bodyOffset, functionIndex: index)
        if !options.allowFloats, let k = body.locals.firstIndex(where: \.isFloat) {
            let position = module.functionType(UInt32(index)).parameters.count + k
            throw CompileError(.profile, "local \(position) has type \(body.locals[k]) (floats are disabled)", offset: bodyOffset, functionIndex: index)
        }
        // Decode the whole body first (the binary format is checked before validation, as the
        // specification orders them), then translate it. The buffers' arrays are moved into
        // locals while in use: a class's stored properties would be checked for exclusive
        // access on every instruction.
        var instructions = buffers.instructions
        buffers.instructions = []
        defer { buffers.instructions = instructions }
        instructions.removeAll(keepingCapacity: true)
        var decoder = BodyDecoder(
            bytes: body.code.expression, moduleOffset: bodyOffset, multiMemory: options.multiMemory, functionIndex: index,
            branchTargets: buffers.branchTargets)
        buffers.branchTargets = []
        defer { buffers.branchTargets = decoder.branchTargets }
        var usage = G.wantsLocalUsage ? LocalUsage.Counter(localCount: localCount) : nil
        let traitsByOpcode = InstructionTraits.byOpcode
        while !decoder.atEnd {
            let offset = decoder.offset - bodyOffset
            let instruction = try decoder.next()
            usage?.count(instruction)
            let traits = InstructionTraits.code(opcode: decoder.opcode, instruction, table: traitsByOpcode)
            instructions.append(DecodedInstruction(instruction: instruction, bodyOffset: UInt32(offset), traits: traits))
        }
        if let usage { generator.localUsage(usage.weights) }
        var translator = FunctionTranslator(
            module: module, declaredReferences: declaredReferences, functionIndex: index, bodySize: body.code.expression.count, options: options,
            generator: consume generator, buffers: buffers)
        defer { translator.returnBuffers(to: buffers) }
        translator.branchTargets = decoder.branchTargets
        for decoded in instructions {
            translator.binaryOffset = bodyOffset + Int(decoded.bodyOffset)
            try translator.visit(decoded.instruction, traits: decoded.traits)
        }
        guard translator.finished else {
            throw CompileError(.malformed, "unexpected end of function body (missing end)", offset: decoder.offset, functionIndex: index)
        }
        return try translator.generator.finishFunction(stackCost: translator.stackCost)
    }
}

/// Storage `ModuleCompiler.translate` reuses from one function to the next: the decoded body and
/// the validator's operand and control stacks.
public final class TranslationBuffers {
    @usableFromInline var instructions: [DecodedInstruction] = []
    @usableFromInline var operands: [ValueType?] = []
    @usableFromInline var controls: [ControlFrame] = []
    @usableFromInline var branchTargets: [UInt32] = []
    @usableFromInline var locals: [ValueType] = []

    /// Empty storage (it grows to the largest function translated with it).
    public init() {}
}

/// A decoded instruction and where it starts in its body (a body's size is a u32 in the binary
/// format). Small (24 bytes): a body is stored whole before it is translated.
@usableFromInline
struct DecodedInstruction {
    @usableFromInline var instruction: Operator
    /// `InstructionTraits`, packed, in what would be padding after the operator (declared
    /// before `bodyOffset` so that it is).
    @usableFromInline var traits: UInt8
    @usableFromInline var bodyOffset: UInt32

    @inlinable
    init(instruction: Operator, bodyOffset: UInt32, traits: UInt8) {
        self.instruction = instruction
        self.bodyOffset = bodyOffset
        self.traits = traits
    }
}
