import WasmParser

/// Instruction cost classes; the fuel schedule (deterministic profile) prices each class.
public enum CostClass: UInt8, Sendable, CaseIterable {
    case simple, multiply, divide, float, floatDivide, memory, control, call, bulk

    /// Prices by class as an array indexed by `rawValue`; a class without a price costs 1.
    static func table(_ prices: [CostClass: UInt64]) -> [UInt64] {
        allCases.map { prices[$0] ?? 1 }
    }
}

/// The load instructions of WebAssembly 2.0 (without SIMD).
public enum LoadOp: UInt8, CaseIterable, Sendable {
    case i32Load, i64Load, f32Load, f64Load
    case i32Load8S, i32Load8U, i32Load16S, i32Load16U
    case i64Load8S, i64Load8U, i64Load16S, i64Load16U, i64Load32S, i64Load32U

    /// Bytes read from memory.
    @inlinable public var size: Int {
        switch self {
        case .i32Load8S, .i32Load8U, .i64Load8S, .i64Load8U: 1
        case .i32Load16S, .i32Load16U, .i64Load16S, .i64Load16U: 2
        case .i32Load, .f32Load, .i64Load32S, .i64Load32U: 4
        case .i64Load, .f64Load: 8
        }
    }

    /// The type of the value loaded (pushed).
    @inlinable public var type: ValueType {
        switch self {
        case .i32Load, .i32Load8S, .i32Load8U, .i32Load16S, .i32Load16U: .i32
        case .i64Load, .i64Load8S, .i64Load8U, .i64Load16S, .i64Load16U, .i64Load32S, .i64Load32U: .i64
        case .f32Load: .f32
        case .f64Load: .f64
        }
    }

    @usableFromInline package var name: String {
        switch self {
        case .i32Load: "i32.load"
        case .i64Load: "i64.load"
        case .f32Load: "f32.load"
        case .f64Load: "f64.load"
        case .i32Load8S: "i32.load8_s"
        case .i32Load8U: "i32.load8_u"
        case .i32Load16S: "i32.load16_s"
        case .i32Load16U: "i32.load16_u"
        case .i64Load8S: "i64.load8_s"
        case .i64Load8U: "i64.load8_u"
        case .i64Load16S: "i64.load16_s"
        case .i64Load16U: "i64.load16_u"
        case .i64Load32S: "i64.load32_s"
        case .i64Load32U: "i64.load32_u"
        }
    }

    init?(_ op: Instruction.Load) {
        switch op {
        case .i32Load: self = .i32Load
        case .i64Load: self = .i64Load
        case .f32Load: self = .f32Load
        case .f64Load: self = .f64Load
        case .i32Load8S: self = .i32Load8S
        case .i32Load8U: self = .i32Load8U
        case .i32Load16S: self = .i32Load16S
        case .i32Load16U: self = .i32Load16U
        case .i64Load8S: self = .i64Load8S
        case .i64Load8U: self = .i64Load8U
        case .i64Load16S: self = .i64Load16S
        case .i64Load16U: self = .i64Load16U
        case .i64Load32S: self = .i64Load32S
        case .i64Load32U: self = .i64Load32U
        default: return nil
        }
    }
}

/// The store instructions of WebAssembly 2.0 (without SIMD).
public enum StoreOp: UInt8, CaseIterable, Sendable {
    case i32Store, i64Store, f32Store, f64Store
    case i32Store8, i32Store16, i64Store8, i64Store16, i64Store32

    /// Bytes written to memory.
    @inlinable public var size: Int {
        switch self {
        case .i32Store8, .i64Store8: 1
        case .i32Store16, .i64Store16: 2
        case .i32Store, .f32Store, .i64Store32: 4
        case .i64Store, .f64Store: 8
        }
    }

    /// The type of the value stored (popped above the address).
    @inlinable public var type: ValueType {
        switch self {
        case .i32Store, .i32Store8, .i32Store16: .i32
        case .i64Store, .i64Store8, .i64Store16, .i64Store32: .i64
        case .f32Store: .f32
        case .f64Store: .f64
        }
    }

    @usableFromInline package var name: String {
        switch self {
        case .i32Store: "i32.store"
        case .i64Store: "i64.store"
        case .f32Store: "f32.store"
        case .f64Store: "f64.store"
        case .i32Store8: "i32.store8"
        case .i32Store16: "i32.store16"
        case .i64Store8: "i64.store8"
        case .i64Store16: "i64.store16"
        case .i64Store32: "i64.store32"
        }
    }

    init?(_ op: Instruction.Store) {
        switch op {
        case .i32Store: self = .i32Store
        case .i64Store: self = .i64Store
        case .f32Store: self = .f32Store
        case .f64Store: self = .f64Store
        case .i32Store8: self = .i32Store8
        case .i32Store16: self = .i32Store16
        case .i64Store8: self = .i64Store8
        case .i64Store16: self = .i64Store16
        case .i64Store32: self = .i64Store32
        default: return nil
        }
    }
}
