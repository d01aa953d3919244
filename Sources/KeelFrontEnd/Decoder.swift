import WasmParser
import WasmTypes

/// Decodes a binary module with WasmKit's `WasmParser` into a `ModuleInfo`.
///
/// Decoding only checks the binary format; `ModuleValidator` checks the rest. Constructs from
/// proposals Keel does not implement are reported as `.unsupported`, naming the proposal.
package enum Decoder {
    /// The proposals whose binary encodings Keel accepts at most.
    static let features: WasmFeatureSet = [.referenceTypes, .multiMemory]

    package static func decode(_ bytes: [UInt8], options: FrontEndOptions) throws(CompileError) -> ModuleInfo {
        var info = ModuleInfo()
        var parser = Parser(bytes: bytes, features: options.parserFeatures)
        var functionSectionCount: Int?
        var sectionStart = 0
        do {
            while true {
                sectionStart = parser.offset
                guard let payload = try parser.parseNext() else { break }
                switch payload {
                case .header, .customSection:
                    break
                case .typeSection(let groups):
                    info.sectionOffsets[1] = sectionStart
                    for group in groups {
                        for subtype in group.types {
                            guard case .function(let type) = subtype.body, subtype.supertypes.isEmpty else {
                                throw CompileError(.unsupported, "garbage collection types (the GC proposal)", offset: sectionStart)
                            }
                            info.types.append(try convert(type, offset: sectionStart))
                        }
                    }
                case .importSection(let imports):
                    info.sectionOffsets[2] = sectionStart
                    for entry in imports {
                        let kind: ImportKind
                        switch entry.descriptor {
                        case .function(let typeIndex):
                            kind = .function(typeIndex: typeIndex)
                            info.functionTypes.append(typeIndex)
                            info.importedFunctionCount += 1
                        case .table(let type):
                            let converted = try convert(type, offset: sectionStart)
                            kind = .table(converted)
                            info.tables.append(converted)
                            info.importedTableCount += 1
                        case .memory(let limits):
                            let converted = try convertMemory(limits, offset: sectionStart)
                            kind = .memory(converted)
                            info.memories.append(converted)
                            info.importedMemoryCount += 1
                        case .global(let type):
                            let converted = try convert(type, offset: sectionStart)
                            kind = .global(converted)
                            info.globals.append(converted)
                            info.importedGlobalCount += 1
                        case .tag:
                            throw CompileError(.unsupported, "tag imports (the exception-handling proposal)", offset: sectionStart)
                        }
                        info.imports.append(ImportEntry(module: entry.module, name: entry.name, kind: kind))
                    }
                case .functionSection(let typeIndices):
                    info.sectionOffsets[3] = sectionStart
                    info.functionTypes.append(contentsOf: typeIndices)
                    functionSectionCount = typeIndices.count
                case .tableSection(let tables):
                    info.sectionOffsets[4] = sectionStart
                    for table in tables {
                        if table.initializer != nil {
                            throw CompileError(.unsupported, "table initializers (the function-references proposal)", offset: sectionStart)
                        }
                        info.tables.append(try convert(table.type, offset: sectionStart))
                    }
                case .memorySection(let memories):
                    info.sectionOffsets[5] = sectionStart
                    for memory in memories {
                        info.memories.append(try convertMemory(memory.type, offset: sectionStart))
                    }
                case .globalSection(let globals):
                    info.sectionOffsets[6] = sectionStart
                    for global in globals {
                        info.globals.append(try convert(global.type, offset: sectionStart))
                        info.globalInits.append(try convert(global.initializer, offset: sectionStart))
                    }
                case .exportSection(let exports):
                    info.sectionOffsets[7] = sectionStart
                    for export in exports {
                        let kind: ExportKind
                        let index: UInt32
                        switch export.descriptor {
                        case .function(let i): (kind, index) = (.function, i)
                        case .table(let i): (kind, index) = (.table, i)
                        case .memory(let i): (kind, index) = (.memory, i)
                        case .global(let i): (kind, index) = (.global, i)
                        case .tag:
                            throw CompileError(.unsupported, "tag exports (the exception-handling proposal)", offset: sectionStart)
                        }
                        info.exports.append(ExportEntry(name: export.name, kind: kind, index: index))
                    }
                case .startSection(let index):
                    info.sectionOffsets[8] = sectionStart
                    info.start = index
                case .elementSection(let segments):
                    info.sectionOffsets[9] = sectionStart
                    for segment in segments {
                        let type = try convert(segment.type, offset: sectionStart)
                        let mode: ElementMode
                        switch segment.mode {
                        case .passive: mode = .passive
                        case .declarative: mode = .declarative
                        case .active(let table, let offset):
                            mode = .active(table: table, offset: try convert(offset, offset: sectionStart))
                        }
                        var items: [ConstExpr] = []
                        items.reserveCapacity(segment.initializer.count)
                        for item in segment.initializer {
                            items.append(try convert(item, offset: sectionStart))
                        }
                        info.elements.append(ElementSegmentInfo(type: type, mode: mode, items: items))
                    }
                case .codeSection(let codes):
                    info.sectionOffsets[10] = sectionStart
                    for code in codes {
                        var locals: [ValueType] = []
                        locals.reserveCapacity(code.locals.count)
                        for local in code.locals {
                            locals.append(try convert(local, offset: sectionStart))
                        }
                        info.codeSize += code.expression.count
                        info.bodies.append(FunctionBody(locals: locals, code: code))
                    }
                case .dataSection(let segments):
                    info.sectionOffsets[11] = sectionStart
                    if let count = info.dataCount, count != segments.count {
                        throw CompileError(.malformed, "data count and data section have inconsistent lengths", offset: sectionStart)
                    }
                    for segment in segments {
                        switch segment {
                        case .passive(let bytes):
                            info.datas.append(DataSegmentInfo(mode: .passive, bytes: Array(bytes)))
                        case .active(let active):
                            let offset = try convert(active.offset, offset: sectionStart)
                            info.datas.append(DataSegmentInfo(mode: .active(memory: active.index, offset: offset), bytes: Array(active.initializer)))
                        }
                    }
                case .dataCount(let count):
                    info.sectionOffsets[12] = sectionStart
                    info.dataCount = count
                case .tagSection:
                    throw CompileError(.unsupported, "tags (the exception-handling proposal)", offset: sectionStart)
                }
            }
        } catch let error as CompileError {
            throw error
        } catch {
            throw malformed(error, bytes: bytes, options: options)
        }
        if (functionSectionCount ?? 0) != info.bodies.count {
            throw CompileError(.malformed, "function and code section have inconsistent lengths", offset: info.sectionOffsets[10] ?? info.sectionOffsets[3])
        }
        if let count = info.dataCount, info.sectionOffsets[11] == nil, count != 0 {
            throw CompileError(.malformed, "data count and data section have inconsistent lengths", offset: info.sectionOffsets[12])
        }
        return info
    }

    /// Turns a parser error into a malformed-module error; if the module decodes with every
    /// proposal enabled, the failure is really an unsupported proposal, which is named instead.
    static func malformed(_ error: any Error, bytes: [UInt8], options: FrontEndOptions) -> CompileError {
        if let proposal = ProposalDetector.detect(bytes, options: options) {
            return CompileError(.unsupported, proposal)
        }
        let (message, offset) = ParserErrorText.describe(error)
        return CompileError(.malformed, message, offset: offset)
    }

    static func convert(_ type: WasmTypes.FunctionType, offset: Int) throws(CompileError) -> FunctionType {
        var parameters: [ValueType] = []
        var results: [ValueType] = []
        for p in type.parameters { parameters.append(try convert(p, offset: offset)) }
        for r in type.results { results.append(try convert(r, offset: offset)) }
        return FunctionType(parameters: parameters, results: results)
    }

    static func convert(_ type: WasmTypes.ValueType, offset: Int) throws(CompileError) -> ValueType {
        switch type {
        case .i32: return .i32
        case .i64: return .i64
        case .f32: return .f32
        case .f64: return .f64
        case .v128: throw CompileError(.unsupported, "v128 values (the SIMD proposal)", offset: offset)
        case .ref(let ref): return try convert(ref, offset: offset)
        }
    }

    static func convert(_ type: ReferenceType, offset: Int) throws(CompileError) -> ValueType {
        guard type.isNullable else {
            throw CompileError(.unsupported, "non-nullable references (the function-references proposal)", offset: offset)
        }
        switch type.heapType {
        case .abstract(.funcRef): return .funcref
        case .abstract(.externRef): return .externref
        case .abstract(.exnRef): throw CompileError(.unsupported, "exnref (the exception-handling proposal)", offset: offset)
        default: throw CompileError(.unsupported, "reference type \(type) (the GC proposal)", offset: offset)
        }
    }

    static func convert(_ type: WasmParser.TableType, offset: Int) throws(CompileError) -> TableType {
        if type.limits.isMemory64 {
            throw CompileError(.unsupported, "64-bit tables (the memory64 proposal)", offset: offset)
        }
        return TableType(elementType: try convert(type.elementType, offset: offset), limits: Limits(min: type.limits.min, max: type.limits.max))
    }

    static func convertMemory(_ limits: WasmParser.Limits, offset: Int) throws(CompileError) -> MemoryType {
        if limits.isMemory64 {
            throw CompileError(.unsupported, "64-bit memories (the memory64 proposal)", offset: offset)
        }
        if limits.shared {
            throw CompileError(.unsupported, "shared memories (the threads proposal)", offset: offset)
        }
        return MemoryType(limits: Limits(min: limits.min, max: limits.max))
    }

    static func convert(_ type: WasmParser.GlobalType, offset: Int) throws(CompileError) -> GlobalType {
        GlobalType(valueType: try convert(type.valueType, offset: offset), isMutable: type.mutability == .variable)
    }

    static func convert(_ expression: ConstExpression, offset: Int) throws(CompileError) -> ConstExpr {
        var ops: [ConstOp] = []
        for instruction in expression {
            switch instruction {
            case .i32Const(let v): ops.append(.i32Const(UInt32(bitPattern: v)))
            case .i64Const(let v): ops.append(.i64Const(UInt64(bitPattern: v)))
            case .f32Const(let v): ops.append(.f32Const(v.bitPattern))
            case .f64Const(let v): ops.append(.f64Const(v.bitPattern))
            case .refNull(let heap):
                switch heap {
                case .abstract(.funcRef): ops.append(.refNull(.funcref))
                case .abstract(.externRef): ops.append(.refNull(.externref))
                default: throw CompileError(.unsupported, "ref.null \(heap) (the GC proposal)", offset: offset)
                }
            case .refFunc(let index): ops.append(.refFunc(index))
            case .globalGet(let index): ops.append(.globalGet(index))
            case .binary(.i32Add): ops.append(.i32Add)
            case .binary(.i32Sub): ops.append(.i32Sub)
            case .binary(.i32Mul): ops.append(.i32Mul)
            case .binary(.i64Add): ops.append(.i64Add)
            case .binary(.i64Sub): ops.append(.i64Sub)
            case .binary(.i64Mul): ops.append(.i64Mul)
            case .end: break
            case .v128Const: throw CompileError(.unsupported, "v128.const (the SIMD proposal)", offset: offset)
            default:
                throw CompileError(.invalid, "constant expression required", offset: offset)
            }
        }
        return ConstExpr(ops: ops, offset: offset)
    }
}
