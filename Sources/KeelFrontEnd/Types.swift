/// A WebAssembly value type supported by Keel (WebAssembly 2.0 without SIMD).
public enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case i32, i64, f32, f64, funcref, externref

    public var description: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .funcref: "funcref"
        case .externref: "externref"
        }
    }

    /// Whether this is a reference type.
    public var isReference: Bool { self == .funcref || self == .externref }
    /// Whether this is a floating-point type.
    public var isFloat: Bool { self == .f32 || self == .f64 }
}

/// The type of a function: parameter and result types.
public struct FunctionType: Hashable, Sendable, CustomStringConvertible {
    public var parameters: [ValueType]
    public var results: [ValueType]

    public init(parameters: [ValueType] = [], results: [ValueType] = []) {
        self.parameters = parameters
        self.results = results
    }

    public var description: String {
        "(" + parameters.map(\.description).joined(separator: ", ") + ") -> ("
            + results.map(\.description).joined(separator: ", ") + ")"
    }
}

/// Size limits of a memory (in 64 KiB pages) or a table (in elements).
public struct Limits: Hashable, Sendable, CustomStringConvertible {
    public var min: UInt64
    public var max: UInt64?

    public init(min: UInt64, max: UInt64? = nil) {
        self.min = min
        self.max = max
    }

    public var description: String { max.map { "\(min)..\($0)" } ?? "\(min).." }

    /// Import subtyping: `self` (the provided entity) matches `required`.
    public func matches(_ required: Limits) -> Bool {
        guard min >= required.min else { return false }
        guard let requiredMax = required.max else { return true }
        guard let max else { return false }
        return max <= requiredMax
    }
}

/// The type of a linear memory.
public struct MemoryType: Hashable, Sendable, CustomStringConvertible {
    public var limits: Limits
    public init(limits: Limits) { self.limits = limits }
    public var description: String { "memory \(limits)" }
}

/// The type of a table.
public struct TableType: Hashable, Sendable, CustomStringConvertible {
    public var elementType: ValueType
    public var limits: Limits
    public init(elementType: ValueType, limits: Limits) {
        self.elementType = elementType
        self.limits = limits
    }
    public var description: String { "table \(limits) \(elementType)" }
}

/// The type of a global variable.
public struct GlobalType: Hashable, Sendable, CustomStringConvertible {
    public var valueType: ValueType
    public var isMutable: Bool
    public init(valueType: ValueType, isMutable: Bool) {
        self.valueType = valueType
        self.isMutable = isMutable
    }
    public var description: String { isMutable ? "(mut \(valueType))" : valueType.description }
}

/// The type of an importable or exportable entity.
public enum ExternType: Hashable, Sendable, CustomStringConvertible {
    case function(FunctionType)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)

    public var description: String {
        switch self {
        case .function(let t): "func \(t)"
        case .table(let t): t.description
        case .memory(let t): t.description
        case .global(let t): "global \(t)"
        }
    }

    /// Import matching per the WebAssembly specification: `self` is the provided entity's type.
    public func matches(_ required: ExternType) -> Bool {
        switch (self, required) {
        case (.function(let a), .function(let b)): return a == b
        case (.table(let a), .table(let b)): return a.elementType == b.elementType && a.limits.matches(b.limits)
        case (.memory(let a), .memory(let b)): return a.limits.matches(b.limits)
        case (.global(let a), .global(let b)): return a == b
        default: return false
        }
    }
}
