import WasmParser

/// One operation of a constant expression (globals, segment offsets, element items).
package enum ConstOp: Hashable, Sendable {
    case i32Const(UInt32)
    case i64Const(UInt64)
    case f32Const(UInt32)
    case f64Const(UInt64)
    case refNull(ValueType)
    case refFunc(UInt32)
    case globalGet(UInt32)
    case i32Add, i32Sub, i32Mul
    case i64Add, i64Sub, i64Mul
}

/// A constant expression with the byte offset it starts at.
package struct ConstExpr: Hashable, Sendable {
    package var ops: [ConstOp]
    package var offset: Int
}

/// What an import brings into the module's index spaces.
package enum ImportKind: Hashable, Sendable {
    case function(typeIndex: UInt32)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
}

package struct ImportEntry: Hashable, Sendable {
    package var module: String
    package var name: String
    package var kind: ImportKind
}

/// The index space an export refers to.
package enum ExportKind: Hashable, Sendable {
    case function, table, memory, global
}

package struct ExportEntry: Hashable, Sendable {
    package var name: String
    package var kind: ExportKind
    package var index: UInt32
}

package enum ElementMode: Hashable, Sendable {
    case passive
    case declarative
    case active(table: UInt32, offset: ConstExpr)
}

@usableFromInline
package struct ElementSegmentInfo: Hashable, Sendable {
    @usableFromInline package var type: ValueType
    package var mode: ElementMode
    package var items: [ConstExpr]
}

package enum DataMode: Hashable, Sendable {
    case passive
    case active(memory: UInt32, offset: ConstExpr)
}

package struct DataSegmentInfo: Hashable, Sendable {
    package var mode: DataMode
    package var bytes: [UInt8]
}

/// A function body as decoded; its instructions are decoded during translation.
@usableFromInline
package struct FunctionBody: @unchecked Sendable {
    @usableFromInline package var locals: [ValueType]
    @usableFromInline package var code: Code
    /// The module offset of the body's first instruction.
    @usableFromInline package var offset: Int

    package init(locals: [ValueType], code: Code) {
        self.locals = locals
        self.code = code
        offset = ExpressionParser(code: code).offset
    }
}

/// A decoded module: every index space with imports first, as the specification lays them out.
public struct ModuleInfo: @unchecked Sendable {
    @usableFromInline package var types: [FunctionType] = []
    package var imports: [ImportEntry] = []
    /// Type index of every function (imported first).
    @usableFromInline package var functionTypes: [UInt32] = []
    @usableFromInline package var importedFunctionCount = 0
    @usableFromInline package var tables: [TableType] = []
    package var importedTableCount = 0
    @usableFromInline package var memories: [MemoryType] = []
    package var importedMemoryCount = 0
    @usableFromInline package var globals: [GlobalType] = []
    package var importedGlobalCount = 0
    /// Initializers of the defined (non-imported) globals.
    package var globalInits: [ConstExpr] = []
    package var exports: [ExportEntry] = []
    package var start: UInt32?
    @usableFromInline package var elements: [ElementSegmentInfo] = []
    package var datas: [DataSegmentInfo] = []
    @usableFromInline package var dataCount: UInt32?
    @usableFromInline package var bodies: [FunctionBody] = []
    /// Byte offsets of the sections, for error messages.
    package var sectionOffsets: [UInt8: Int] = [:]
    /// Total size of the function bodies in bytes.
    package var codeSize = 0

    package init() {}

    /// The type of function `functionIndex` (function index space: imports first).
    @inlinable public func functionType(_ functionIndex: UInt32) -> FunctionType {
        types[Int(functionTypes[Int(functionIndex)])]
    }
}
