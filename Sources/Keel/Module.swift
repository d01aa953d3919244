import KeelFrontEnd
import WAT

/// A validated, compiled module: compile once, instantiate many times.
public final class Module: @unchecked Sendable {
    public let engine: Engine
    let info: ModuleInfo
    /// Compiled code of every defined function.
    let compiled: BackendCode

    /// Decodes, validates and compiles a binary module.
    public init(engine: Engine, bytes: [UInt8]) throws(CompileError) {
        (info, compiled) = try Module.compile(bytes, engine: engine)
        self.engine = engine
    }

    static func compile(_ bytes: [UInt8], engine: Engine) throws(CompileError) -> (ModuleInfo, BackendCode) {
        let info = try ModuleCompiler.decodeAndValidate(bytes, options: engine.configuration.frontEndOptions)
        let declared = DeclaredReferences(module: info)
        let compiled = try engine.configuration.backend.compile(module: info, declaredReferences: declared, configuration: engine.configuration)
        return (info, compiled)
    }

    /// Compiles a module in the WebAssembly text format.
    public convenience init(engine: Engine, wat: String) throws(CompileError) {
        let bytes: [UInt8]
        do {
            bytes = try wat2wasm(wat, features: engine.configuration.multiMemory ? [.referenceTypes, .multiMemory] : [.referenceTypes])
        } catch {
            throw CompileError(.malformed, "text format: \(error)")
        }
        try self.init(engine: engine, bytes: bytes)
    }

    /// The cost of every metering block of each defined function under `schedule`, in function
    /// index order (static fuel statistics for `keel inspect`).
    package func meteringBlocks(schedule: CostSchedule) throws(CompileError) -> [(function: Int, blocks: [UInt64])] {
        var options = engine.configuration.frontEndOptions
        options.metering = schedule
        let declared = DeclaredReferences(module: info)
        var result: [(function: Int, blocks: [UInt64])] = []
        let buffers = TranslationBuffers()
        for index in info.importedFunctionCount..<info.functionTypes.count {
            let blocks = try ModuleCompiler.translate(
                module: info, declaredReferences: declared, functionIndex: index, options: options, generator: MeteringStatistics(),
                buffers: buffers)
            result.append((index, blocks))
        }
        return result
    }

    /// Every memory, table and global of the module (imported first), for `keel inspect`.
    package var memories: [MemoryType] { info.memories }
    package var tables: [TableType] { info.tables }
    package var globals: [GlobalType] { info.globals }
    package var importedCounts: (memories: Int, tables: Int, globals: Int) {
        (info.importedMemoryCount, info.importedTableCount, info.importedGlobalCount)
    }

    /// Number of functions imported and defined, and the size of the code section's bodies.
    package var functionCounts: (imported: Int, defined: Int, codeBytes: Int) {
        (info.importedFunctionCount, info.bodies.count, info.codeSize)
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
