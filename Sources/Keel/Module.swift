import KeelFrontEnd
import KeelInterpreter
import WAT

/// A validated, compiled module: compile once, instantiate many times.
public final class Module: @unchecked Sendable {
    public let engine: Engine
    let info: ModuleInfo
    /// Compiled code of each defined function.
    let compiled: [CompiledFunction]

    /// Decodes, validates and compiles a binary module.
    public init(engine: Engine, bytes: [UInt8]) throws(CompileError) {
        self.engine = engine
        let info = try ModuleCompiler.decodeAndValidate(bytes)
        let declared = DeclaredReferences(module: info)
        var compiled: [CompiledFunction] = []
        compiled.reserveCapacity(info.bodies.count)
        for index in info.importedFunctionCount..<info.functionTypes.count {
            compiled.append(try ModuleCompiler.translate(module: info, declaredReferences: declared, functionIndex: index, generator: InterpreterGenerator()))
        }
        self.info = info
        self.compiled = compiled
    }

    /// Compiles a module in the WebAssembly text format.
    public convenience init(engine: Engine, wat: String) throws(CompileError) {
        let bytes: [UInt8]
        do {
            bytes = try wat2wasm(wat, features: [.referenceTypes, .multiMemory])
        } catch {
            throw CompileError(.malformed, "text format: \(error)")
        }
        try self.init(engine: engine, bytes: bytes)
    }

    /// The module's imports in order.
    public var imports: [(module: String, name: String, type: ExternType)] {
        info.imports.map { ($0.module, $0.name, externType(of: $0.kind)) }
    }

    /// The module's exports in order.
    public var exports: [(name: String, type: ExternType)] {
        info.exports.map { ($0.name, externType(of: $0)) }
    }

    func externType(of kind: ImportKind) -> ExternType {
        switch kind {
        case .function(let typeIndex): .function(info.types[Int(typeIndex)])
        case .table(let type): .table(type)
        case .memory(let type): .memory(type)
        case .global(let type): .global(type)
        }
    }

    func externType(of export: ExportEntry) -> ExternType {
        let index = Int(export.index)
        switch export.kind {
        case .function: return .function(info.functionType(export.index))
        case .table: return .table(info.tables[index])
        case .memory: return .memory(info.memories[index])
        case .global: return .global(info.globals[index])
        }
    }
}
