import WasmParser

/// The front-end entry point: decode, validate the module, then translate each function body
/// through a backend's `CodeGenerator`.
package enum ModuleCompiler {
    /// Decodes and validates module-level structure.
    package static func decodeAndValidate(_ bytes: [UInt8]) throws(CompileError) -> ModuleInfo {
        let module = try Decoder.decode(bytes)
        try ModuleValidator.validate(module)
        return module
    }

    /// Validates and translates the body of defined function `index` (function index space).
    package static func translate<G: CodeGenerator>(
        module: ModuleInfo, declaredReferences: DeclaredReferences, functionIndex index: Int, generator: G
    ) throws(CompileError) -> G.Output {
        let body = module.bodies[index - module.importedFunctionCount]
        var translator = FunctionTranslator(module: module, declaredReferences: declaredReferences, functionIndex: index, generator: generator)
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
            if let byte, let proposal = ProposalDetector.proposal(forOpcode: byte) {
                throw CompileError(.unsupported, "instruction 0x\(String(byte, radix: 16)) of \(proposal)", offset: lastOffset, functionIndex: index)
            }
            throw CompileError(.malformed, "\(error)", offset: lastOffset, functionIndex: index)
        }
        guard translator.finished else {
            throw CompileError(.malformed, "unexpected end of function body (missing end)", offset: parser.offset, functionIndex: index)
        }
        return try translator.generator.finishFunction()
    }
}
