import KeelRuntime

/// A non-null reference to a function in a store.
public struct FunctionReference: Hashable, Sendable {
    /// The function's address in its store.
    let address: Int
}

/// A WebAssembly value. Floats are carried as their exact IEEE 754 bits.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case i32(UInt32)
    case i64(UInt64)
    case f32(UInt32)
    case f64(UInt64)
    /// A function reference; nil is `ref.null func`.
    case funcref(FunctionReference?)
    /// An external (host) reference; nil is `ref.null extern`.
    case externref(UInt32?)

    /// The value's type.
    public var type: ValueType {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .funcref: .funcref
        case .externref: .externref
        }
    }

    /// An `f32` value from a Swift `Float`.
    public static func float32(_ value: Float) -> Value { .f32(value.bitPattern) }
    /// An `f64` value from a Swift `Double`.
    public static func float64(_ value: Double) -> Value { .f64(value.bitPattern) }

    public var description: String {
        switch self {
        case .i32(let v): "i32:\(Int32(bitPattern: v))"
        case .i64(let v): "i64:\(Int64(bitPattern: v))"
        case .f32(let v): "f32:\(Float(bitPattern: v))"
        case .f64(let v): "f64:\(Double(bitPattern: v))"
        case .funcref(let r): r.map { "funcref:\($0.address)" } ?? "funcref:null"
        case .externref(let r): r.map { "externref:\($0)" } ?? "externref:null"
        }
    }

    /// The raw slot encoding used by the backends.
    var bits: UInt64 {
        switch self {
        case .i32(let v): UInt64(v)
        case .i64(let v): v
        case .f32(let v): UInt64(v)
        case .f64(let v): v
        case .funcref(let r): r.map { UInt64($0.address) + 1 } ?? 0
        case .externref(let r): r.map { UInt64($0) + 1 } ?? 0
        }
    }

    /// Decodes a raw slot of `type`.
    init(bits: UInt64, type: ValueType) {
        switch type {
        case .i32: self = .i32(UInt32(truncatingIfNeeded: bits))
        case .i64: self = .i64(bits)
        case .f32: self = .f32(UInt32(truncatingIfNeeded: bits))
        case .f64: self = .f64(bits)
        case .funcref: self = .funcref(bits == 0 ? nil : FunctionReference(address: Int(bits - 1)))
        case .externref: self = .externref(bits == 0 ? nil : UInt32(truncatingIfNeeded: bits - 1))
        }
    }
}
