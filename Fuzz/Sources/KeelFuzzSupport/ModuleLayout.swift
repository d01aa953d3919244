import Keel

/// The module-level entities a generated module declares, chosen before any body is
/// written, so every body can refer to them: function types (block types are appended
/// while bodies are generated), globals, the memory, the table and the segments.
struct ModuleLayout {
    /// A declared global.
    struct GlobalDeclaration {
        var type: ValueType
        var mutable: Bool
        var initial: UInt64
    }

    /// The type section: function signatures first, then the block types bodies add.
    var types: [FunctionType] = []
    /// Index of each type in `types`, for deduplicating block types.
    var typeIndex: [FunctionType: Int] = [:]
    /// The type index of each defined function.
    var functionTypes: [Int] = []
    var globals: [GlobalDeclaration] = []
    /// Memory 0's limits in pages (the module always declares one memory).
    var memoryMinimum = 1
    var memoryMaximum: Int?
    /// Table 0's limits (the module always declares one funcref table).
    var tableMinimum = 0
    var tableMaximum: Int?
    /// The active element segment at table offset `elementOffset`, as function indices.
    var activeElements: [Int] = []
    var elementOffset = 0
    /// The passive element segment (for `table.init` / `elem.drop`).
    var passiveElements: [Int] = []
    /// The active data segment at `dataOffset`, and the passive one (`memory.init` / `data.drop`).
    var activeData: [UInt8] = []
    var dataOffset = 0
    var passiveData: [UInt8] = []
    /// The start function, if any (a function of type `[] -> []`).
    var start: Int?

    /// The signature of defined function `index`.
    func signature(ofFunction index: Int) -> FunctionType { types[functionTypes[index]] }

    /// The index of `type` in the type section, adding it when new.
    mutating func index(of type: FunctionType) -> Int {
        if let index = typeIndex[type] { return index }
        types.append(type)
        typeIndex[type] = types.count - 1
        return types.count - 1
    }

    /// Memory 0's initial size in bytes.
    var memoryBytes: Int { memoryMinimum * 65536 }
}
