import WasmParser

/// What the front-end accepts and what it asks of backends.
package struct FrontEndOptions: Sendable {
    package var multiMemory: Bool
    /// Fuel metering: when set, the translator marks metering blocks with their static cost.
    package var metering: CostSchedule?
    /// When false (no-float mode), any f32 or f64 anywhere in a module rejects it.
    package var allowFloats: Bool
    package var limits: ResourceLimits
    /// NaN canonicalization: when set, the translator tells the backend which canonicalizations
    /// it may skip (`NaNElision`).
    package var canonicalizeNaN: Bool
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
package enum ModuleCompiler {
    /// Decodes and validates module-level structure.
    package static func decodeAndValidate(_ bytes: [UInt8], options: FrontEndOptions) throws(CompileError) -> ModuleInfo {
        try options.limits.check(bytes.count, against: options.limits.moduleSize, "module size in bytes")
        let module = try Decoder.decode(bytes, options: options)
        try options.limits.check(module)
        try ModuleValidator.validate(module, options: options)
        return module
    }

    /// Validates and translates the body of defined function `index` (function index space).
    package static func translate<G: CodeGenerator>(
        module: ModuleInfo, declaredReferences: DeclaredReferences, functionIndex index: Int, options: FrontEndOptions, generator: G
    ) throws(CompileError) -> G.Output {
        let body = module.bodies[index - module.importedFunctionCount]
        let bodyOffset = ExpressionParser(code: body.code).offset
        let localCount = module.functionType(UInt32(index)).parameters.count + body.locals.count
        try options.limits.check(localCount, against: options.limits.localsPerFunction, "locals", offset: bodyOffset, functionIndex: index)
        try options.limits.check(body.code.expression.count, against: options.limits.functionBodySize, "function body size in bytes", offset: bodyOffset, functionIndex: index)
        if !options.allowFloats, let k = body.locals.firstIndex(where: \.isFloat) {
            let position = module.functionType(UInt32(index)).parameters.count + k
            throw CompileError(.profile, "local \(position) has type \(body.locals[k]) (floats are disabled)", offset: ExpressionParser(code: body.code).offset, functionIndex: index)
        }
        var generator = generator
        if G.wantsLocalUsage { generator.localUsage(LocalUsage.weights(of: body.code.expression, localCount: localCount)) }
        var translator = FunctionTranslator(module: module, declaredReferences: declaredReferences, functionIndex: index, options: options, generator: generator)
        var parser = ExpressionParser(code: body.code)
        var lastOffset = parser.offset
        do {
            while true {
                lastOffset = parser.offset
                guard let visit = try parser.parse() else { break }
                try visit(visitor: &translator)
            }
        } catch let error as CompileError {
            throw error
        } catch {
            let byte = body.code.expression.indices.contains(lastOffset) ? body.code.expression[lastOffset] : nil
            if byte == 0xFC, OverlongOpcode.rewrite(body.code.expression, at: lastOffset) != nil {
                var failure = CompileError(.malformed, "overlong prefixed opcode", offset: lastOffset, functionIndex: index)
                failure.overlongOpcodeOffset = lastOffset
                throw failure
            }
            if let byte, let proposal = ProposalDetector.proposal(forOpcode: byte) {
                throw CompileError(.unsupported, "instruction 0x\(String(byte, radix: 16)) of \(proposal)", offset: lastOffset, functionIndex: index)
            }
            throw CompileError(.malformed, ParserErrorText.describe(error).message, offset: lastOffset, functionIndex: index)
        }
        guard translator.finished else {
            throw CompileError(.malformed, "unexpected end of function body (missing end)", offset: parser.offset, functionIndex: index)
        }
        return try translator.generator.finishFunction(stackCost: translator.stackCost)
    }
}

/// WebAssembly encodes the second byte of `0xFC`-prefixed opcodes as a u32 LEB128, so
/// `FC 80 00` is a valid (overlong) spelling of `FC 00`. WasmKit's decoder reads a single byte.
/// Keel rewrites such an instruction in place to the same number of bytes: `nop`s followed by
/// the canonical opcode, which executes identically and keeps every offset and size unchanged.
package enum OverlongOpcode {
    /// The replacement bytes for the instruction at `offset`, if it is an overlong spelling of a
    /// one-byte sub-opcode.
    package static func rewrite<Bytes: Collection<UInt8>>(_ bytes: Bytes, at offset: Int) -> [UInt8]? where Bytes.Index == Int {
        var value: UInt32 = 0
        var length = 0
        var position = offset + 1
        while position < bytes.endIndex, length < 5 {
            let byte = bytes[position]
            value |= UInt32(byte & 0x7F) << (7 * length)
            length += 1
            position += 1
            if byte & 0x80 == 0 { break }
        }
        guard length > 1, value < 0x80, bytes[position - 1] & 0x80 == 0 else { return nil }
        return Array(repeating: 0x01, count: length - 1) + [0xFC, UInt8(value)]
    }

    /// Rewrites the instruction at `offset` of `module`; nil if it is not an overlong opcode.
    package static func canonicalize(_ module: [UInt8], at offset: Int) -> [UInt8]? {
        guard module.indices.contains(offset), module[offset] == 0xFC, let replacement = rewrite(module, at: offset) else { return nil }
        var result = module
        result.replaceSubrange(offset..<(offset + replacement.count), with: replacement)
        return result
    }
}
