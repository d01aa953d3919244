/// Deterministic resource limits, part of a chain's consensus parameters. A module that exceeds
/// one is rejected at compilation with a `.limit` error naming the limit; memories and tables
/// never grow past theirs.
public struct ResourceLimits: Hashable, Sendable {
    /// Size of the module binary in bytes.
    public var moduleSize: Int
    public var functions: Int
    public var types: Int
    public var imports: Int
    public var exports: Int
    public var globals: Int
    public var dataSegments: Int
    public var elementSegments: Int
    /// Parameters plus declared locals of one function.
    public var localsPerFunction: Int
    /// Size of one function body in bytes.
    public var functionBodySize: Int
    /// Depth of nested `block`, `loop` and `if`.
    public var nestingDepth: Int
    /// Targets of one `br_table`.
    public var brTableSize: Int
    /// 64 KiB pages of any memory (declared minimum at compilation, growth at run time).
    public var memoryPages: Int
    /// Elements of any table.
    public var tableSize: Int
    /// Parameters of one function type (so of a block type as well).
    public var typeParameters: Int
    /// Results of one function type (so of a block type as well).
    public var typeResults: Int
    /// Signature work allowed per byte of a function body. Block, loop and `if` signatures,
    /// branch targets (each `br_table` target counts), calls and returns move values, and the
    /// values they move are counted: parameters plus results of a `block`, `loop`, `call` and
    /// `call_indirect`; three times the parameters plus twice the results of an `if` (its
    /// parameters are copied for the `else` branch); the arity of every branch target; the
    /// results of a `return`. A body may count at most `signatureWorkPerByte` × its size plus
    /// `signatureWorkAllowance`, so that compile work and machine code stay linear in the
    /// module's bytes however block parameters, nesting and branch tables are combined.
    public var signatureWorkPerByte: Int
    /// Signature work every body may do whatever its size (see `signatureWorkPerByte`).
    public var signatureWorkAllowance: Int
    /// Declared locals of all function bodies together: a body declares thousands of locals
    /// in three bytes, and each costs compile time and memory.
    public var localsPerModule: Int

    public init(
        moduleSize: Int, functions: Int, types: Int, imports: Int, exports: Int, globals: Int,
        dataSegments: Int, elementSegments: Int, localsPerFunction: Int, functionBodySize: Int,
        nestingDepth: Int, brTableSize: Int, memoryPages: Int, tableSize: Int,
        typeParameters: Int = 1_000, typeResults: Int = 1_000, signatureWorkPerByte: Int = 1, signatureWorkAllowance: Int = 1_024,
        localsPerModule: Int = 50_000_000
    ) {
        self.moduleSize = moduleSize
        self.functions = functions
        self.types = types
        self.imports = imports
        self.exports = exports
        self.globals = globals
        self.dataSegments = dataSegments
        self.elementSegments = elementSegments
        self.localsPerFunction = localsPerFunction
        self.functionBodySize = functionBodySize
        self.nestingDepth = nestingDepth
        self.brTableSize = brTableSize
        self.memoryPages = memoryPages
        self.tableSize = tableSize
        self.typeParameters = typeParameters
        self.typeResults = typeResults
        self.signatureWorkPerByte = signatureWorkPerByte
        self.signatureWorkAllowance = signatureWorkAllowance
        self.localsPerModule = localsPerModule
    }

    /// The signature work a body of `bodySize` bytes may do (`signatureWorkPerByte`).
    @inlinable
    public func signatureWork(bodySize: Int) -> Int {
        let (scaled, overflow) = bodySize.multipliedReportingOverflow(by: signatureWorkPerByte)
        return overflow ? Int.max : scaled.addingReportingOverflow(signatureWorkAllowance).overflow ? Int.max : scaled + signatureWorkAllowance
    }

    /// Generous limits for general WebAssembly (close to what browsers accept).
    public static let standard = ResourceLimits(
        moduleSize: 1 << 30, functions: 1_000_000, types: 1_000_000, imports: 100_000, exports: 100_000,
        globals: 1_000_000, dataSegments: 100_000, elementSegments: 10_000_000, localsPerFunction: 50_000,
        functionBodySize: 7_654_321, nestingDepth: 100_000, brTableSize: 1_000_000, memoryPages: 65536,
        tableSize: 10_000_000, typeParameters: 1_000, typeResults: 1_000, signatureWorkPerByte: 1, signatureWorkAllowance: 1_024,
        localsPerModule: 50_000_000)

    /// Limits for contracts: small modules, bounded frames, 64 MiB of memory.
    public static let contract = ResourceLimits(
        moduleSize: 3 << 20, functions: 10_000, types: 1_000, imports: 200, exports: 200,
        globals: 1_000, dataSegments: 1_000, elementSegments: 1_000, localsPerFunction: 4_096,
        functionBodySize: 512 << 10, nestingDepth: 256, brTableSize: 4_096, memoryPages: 1_024,
        tableSize: 100_000, typeParameters: 128, typeResults: 16, signatureWorkPerByte: 1, signatureWorkAllowance: 1_024,
        localsPerModule: 1_000_000)

    @usableFromInline func check(_ value: Int, against limit: Int, _ what: String, offset: Int? = nil, functionIndex: Int? = nil) throws(CompileError) {
        if value > limit {
            throw CompileError(.limit, "\(what): \(value) exceeds the limit of \(limit)", offset: offset, functionIndex: functionIndex)
        }
    }

    /// The module-level limits, checked after decoding.
    func check(_ module: ModuleInfo) throws(CompileError) {
        try check(module.functionTypes.count, against: functions, "functions")
        try check(module.types.count, against: types, "types", offset: module.sectionOffsets[1])
        for (k, type) in module.types.enumerated() {
            try check(type.parameters.count, against: typeParameters, "parameters of type \(k)", offset: module.sectionOffsets[1])
            try check(type.results.count, against: typeResults, "results of type \(k)", offset: module.sectionOffsets[1])
        }
        try check(module.imports.count, against: imports, "imports", offset: module.sectionOffsets[2])
        try check(module.exports.count, against: exports, "exports", offset: module.sectionOffsets[7])
        try check(module.globals.count, against: globals, "globals", offset: module.sectionOffsets[6])
        try check(module.datas.count, against: dataSegments, "data segments", offset: module.sectionOffsets[11])
        try check(module.elements.count, against: elementSegments, "element segments", offset: module.sectionOffsets[9])
        for memory in module.memories where memory.limits.min > UInt64(memoryPages) {
            throw CompileError(.limit, "memory of \(memory.limits.min) pages exceeds the limit of \(memoryPages)", offset: module.sectionOffsets[5] ?? module.sectionOffsets[2])
        }
        for table in module.tables where table.limits.min > UInt64(tableSize) {
            throw CompileError(.limit, "table of \(table.limits.min) elements exceeds the limit of \(tableSize)", offset: module.sectionOffsets[4] ?? module.sectionOffsets[2])
        }
    }
}
