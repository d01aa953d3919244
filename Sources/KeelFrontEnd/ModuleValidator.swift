/// Module-level validation: everything outside function bodies (WebAssembly 2.0 plus
/// multi-memory and extended-const).
package enum ModuleValidator {
    /// The largest memory, in 64 KiB pages, a 32-bit address space allows.
    static let maxMemoryPages: UInt64 = 65536
    static let maxTableSize: UInt64 = UInt64(UInt32.max)

    package static func validate(_ module: ModuleInfo, options: FrontEndOptions) throws(CompileError) {
        let typeOffset = module.sectionOffsets[1]
        if !options.allowFloats { try NoFloat.checkModule(module) }
        if !options.multiMemory && module.memories.count > 1 {
            throw CompileError(.invalid, "multiple memories (enable the multi-memory proposal)", offset: module.sectionOffsets[5] ?? module.sectionOffsets[2])
        }
        for entry in module.imports {
            let offset = module.sectionOffsets[2]
            switch entry.kind {
            case .function(let typeIndex):
                guard Int(typeIndex) < module.types.count else {
                    throw CompileError(.invalid, "unknown type \(typeIndex) in import \"\(entry.module)\".\"\(entry.name)\"", offset: offset)
                }
            case .table(let type): try validate(type, offset: offset)
            case .memory(let type): try validate(type, offset: offset)
            case .global: break
            }
        }
        for typeIndex in module.functionTypes[module.importedFunctionCount...] where Int(typeIndex) >= module.types.count {
            throw CompileError(.invalid, "unknown type \(typeIndex)", offset: module.sectionOffsets[3] ?? typeOffset)
        }
        for table in module.tables[module.importedTableCount...] {
            try validate(table, offset: module.sectionOffsets[4])
        }
        for memory in module.memories[module.importedMemoryCount...] {
            try validate(memory, offset: module.sectionOffsets[5])
        }
        for (i, initializer) in module.globalInits.enumerated() {
            let type = module.globals[module.importedGlobalCount + i]
            try validateConstant(initializer, type: type.valueType, module: module)
        }
        // Names compare by their UTF-8 bytes: Swift's String equality would merge canonically
        // equivalent but distinct names.
        var names: Set<[UInt8]> = []
        for export in module.exports {
            let offset = module.sectionOffsets[7]
            guard names.insert(Array(export.name.utf8)).inserted else {
                throw CompileError(.invalid, "duplicate export name \"\(export.name)\"", offset: offset)
            }
            let count: Int
            switch export.kind {
            case .function: count = module.functionTypes.count
            case .table: count = module.tables.count
            case .memory: count = module.memories.count
            case .global: count = module.globals.count
            }
            guard Int(export.index) < count else {
                throw CompileError(.invalid, "unknown \(export.kind) \(export.index) in export \"\(export.name)\"", offset: offset)
            }
        }
        if let start = module.start {
            let offset = module.sectionOffsets[8]
            guard Int(start) < module.functionTypes.count else {
                throw CompileError(.invalid, "unknown function \(start) as start function", offset: offset)
            }
            guard module.functionType(start) == FunctionType() else {
                throw CompileError(.invalid, "start function must have type () -> ()", offset: offset)
            }
        }
        for segment in module.elements {
            let offset = module.sectionOffsets[9]
            for item in segment.items {
                try validateConstant(item, type: segment.type, module: module)
            }
            if case .active(let table, let tableOffset) = segment.mode {
                guard Int(table) < module.tables.count else {
                    throw CompileError(.invalid, "unknown table \(table) in element segment", offset: offset)
                }
                guard module.tables[Int(table)].elementType == segment.type else {
                    throw CompileError(.invalid, "type mismatch: element segment of \(segment.type) for a table of \(module.tables[Int(table)].elementType)", offset: offset)
                }
                try validateConstant(tableOffset, type: .i32, module: module)
            }
        }
        for segment in module.datas {
            if case .active(let memory, let memoryOffset) = segment.mode {
                guard Int(memory) < module.memories.count else {
                    throw CompileError(.invalid, "unknown memory \(memory) in data segment", offset: module.sectionOffsets[11])
                }
                try validateConstant(memoryOffset, type: .i32, module: module)
            }
        }
    }

    static func validate(_ limits: Limits, bound: UInt64, what: String, offset: Int?) throws(CompileError) {
        if limits.min > bound || (limits.max ?? 0) > bound {
            throw CompileError(.invalid, "\(what) size must be at most \(bound)", offset: offset)
        }
        if let max = limits.max, limits.min > max {
            throw CompileError(.invalid, "size minimum must not be greater than maximum", offset: offset)
        }
    }

    static func validate(_ type: TableType, offset: Int?) throws(CompileError) {
        try validate(type.limits, bound: maxTableSize, what: "table", offset: offset)
    }

    static func validate(_ type: MemoryType, offset: Int?) throws(CompileError) {
        if type.limits.min > maxMemoryPages || (type.limits.max ?? 0) > maxMemoryPages {
            throw CompileError(.invalid, "memory size must be at most 65536 pages (4GiB)", offset: offset)
        }
        try validate(type.limits, bound: maxMemoryPages, what: "memory", offset: offset)
    }

    /// Type-checks a constant expression: it must leave exactly one value of `type`, and may read
    /// only imported immutable globals (WebAssembly 2.0).
    static func validateConstant(_ expression: ConstExpr, type: ValueType, module: ModuleInfo) throws(CompileError) {
        var stack: [ValueType] = []
        func fail(_ message: String) -> CompileError { CompileError(.invalid, message, offset: expression.offset) }
        for op in expression.ops {
            switch op {
            case .i32Const: stack.append(.i32)
            case .i64Const: stack.append(.i64)
            case .f32Const: stack.append(.f32)
            case .f64Const: stack.append(.f64)
            case .refNull(let t): stack.append(t)
            case .refFunc(let index):
                guard Int(index) < module.functionTypes.count else { throw fail("unknown function \(index)") }
                stack.append(.funcref)
            case .globalGet(let index):
                guard Int(index) < module.importedGlobalCount else { throw fail("unknown global \(index)") }
                let global = module.globals[Int(index)]
                guard !global.isMutable else { throw fail("constant expression required") }
                stack.append(global.valueType)
            case .i32Add, .i32Sub, .i32Mul, .i64Add, .i64Sub, .i64Mul:
                let operand: ValueType
                switch op {
                case .i32Add, .i32Sub, .i32Mul: operand = .i32
                default: operand = .i64
                }
                guard stack.count >= 2, stack.removeLast() == operand, stack.removeLast() == operand else {
                    throw fail("type mismatch in constant expression")
                }
                stack.append(operand)
            }
        }
        guard stack == [type] else {
            throw fail("type mismatch: constant expression must produce \(type)")
        }
    }
}
