/// No-float mode (docs/determinism.md): a module that mentions f32 or f64 anywhere is rejected,
/// naming where — as CosmWasm's gatekeeper does, so a contract developer can find the library
/// that pulled a float in.
@usableFromInline
enum NoFloat {
    /// Types, imports, globals and exports.
    static func checkModule(_ module: ModuleInfo) throws(CompileError) {
        func reject(_ what: String, section: UInt8) -> CompileError {
            CompileError(.profile, "\(what) (floats are disabled)", offset: module.sectionOffsets[section])
        }
        for entry in module.imports {
            let mentionsFloat: Bool
            switch entry.kind {
            case .function(let typeIndex):
                mentionsFloat = Int(typeIndex) < module.types.count && uses(module.types[Int(typeIndex)])
            case .global(let type): mentionsFloat = type.valueType.isFloat
            case .table, .memory: mentionsFloat = false
            }
            if mentionsFloat { throw reject("import \"\(entry.module)\".\"\(entry.name)\" uses a floating-point type", section: 2) }
        }
        for (k, type) in module.types.enumerated() where uses(type) {
            throw reject("type \(k) \(type) uses a floating-point type", section: 1)
        }
        for (k, global) in module.globals.enumerated() where global.valueType.isFloat {
            throw reject("global \(k) has type \(global.valueType)", section: 6)
        }
    }

    static func uses(_ type: FunctionType) -> Bool {
        type.parameters.contains(where: \.isFloat) || type.results.contains(where: \.isFloat)
    }

    /// The text name of `instruction` if it involves a float.
    /// A block type naming an unknown type index is not a float here; the translator reports
    /// it as an unknown type right after.
    @usableFromInline static func floatInstruction(_ instruction: Operator, types: [FunctionType]) -> String? {
        switch instruction {
        case .f32Const: return "f32.const"
        case .f64Const: return "f64.const"
        case .load(let op, _):
            return op.type.isFloat ? op.name : nil
        case .store(let op, _):
            return op.type.isFloat ? op.name : nil
        case .numeric(let op): return float(op)
        case .typedSelect(let type):
            return type.isFloat ? "select (result \(type))" : nil
        case .block(let type), .loop(let type), .if(let type):
            let signature: FunctionType
            switch type {
            case .empty: return nil
            case .value(let valueType): signature = SingleResultSignatures.of(valueType)
            case .index(let index):
                guard Int(index) < types.count else { return nil }
                signature = types[Int(index)]
            }
            guard uses(signature) else { return nil }
            switch instruction {
            case .block: return "block \(signature)"
            case .loop: return "loop \(signature)"
            default: return "if \(signature)"
            }
        default:
            return nil
        }
    }

    static func float(_ op: NumericOp) -> String? {
        guard op.operands.contains(where: \.isFloat) || op.result.isFloat else { return nil }
        return op.name
    }
}
