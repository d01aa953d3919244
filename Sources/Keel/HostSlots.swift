/// One host function call's arguments and results, in place: the raw 8-byte slots both backends
/// pass to host functions, without boxing them into `Value`s or arrays.
///
/// Parameter `k` (of the function's type) is in slot `k`; the body writes result `k` to slot
/// `k`, **over the parameters**: read every parameter before writing the first result. Read a
/// slot with the accessor of its declared type (the linker checked the import's type, so the
/// slot holds a value of that type). Write every result: one the body leaves unwritten keeps the
/// bits in its slot, 0 past the parameters (so the same on every backend) and the parameter's raw
/// slot over a parameter (that parameter itself when the types agree).
///
/// A `HostSlots` is valid only while the call it was passed to runs: do not keep it. Accessors
/// check the index against the function's parameter or result count (an index outside it is a
/// programming error and stops the process, like an array index out of range).
public struct HostSlots {
    /// Sound: points at `max(parameterCount, resultCount, 1)` slots the backend owns for the
    /// duration of the call (the interpreter's value stack, the JIT's frame or `invoke`'s
    /// buffer); every access below is checked against the counts.
    @usableFromInline let base: UnsafeMutablePointer<UInt64>
    /// The number of parameters of the function's type.
    public let parameterCount: Int
    /// The number of results of the function's type.
    public let resultCount: Int

    init(base: UnsafeMutablePointer<UInt64>, parameterCount: Int, resultCount: Int) {
        self.base = base
        self.parameterCount = parameterCount
        self.resultCount = resultCount
    }

    @inlinable
    func parameter(_ k: Int) -> UInt64 {
        precondition(UInt(bitPattern: k) < UInt(bitPattern: parameterCount), "host function parameter \(k) out of range 0..<\(parameterCount)")
        return base[k]
    }

    @inlinable
    func setResult(_ k: Int, _ bits: UInt64) {
        precondition(UInt(bitPattern: k) < UInt(bitPattern: resultCount), "host function result \(k) out of range 0..<\(resultCount)")
        base[k] = bits
    }

    /// Parameter `k`, of type i32 (as its unsigned bits; `Int32(bitPattern:)` for the signed value).
    @inlinable public func i32(_ k: Int) -> UInt32 { UInt32(truncatingIfNeeded: parameter(k)) }
    /// Parameter `k`, of type i64 (as its unsigned bits).
    @inlinable public func i64(_ k: Int) -> UInt64 { parameter(k) }
    /// Parameter `k`, of type f32, with its exact bits (NaN payloads included).
    @inlinable public func f32(_ k: Int) -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: parameter(k))) }
    /// Parameter `k`, of type f64, with its exact bits (NaN payloads included).
    @inlinable public func f64(_ k: Int) -> Double { Double(bitPattern: parameter(k)) }

    /// Sets result `k`, of type i32.
    @inlinable public func setI32(_ k: Int, _ value: UInt32) { setResult(k, UInt64(value)) }
    /// Sets result `k`, of type i64.
    @inlinable public func setI64(_ k: Int, _ value: UInt64) { setResult(k, value) }
    /// Sets result `k`, of type f32, with its exact bits.
    @inlinable public func setF32(_ k: Int, _ value: Float) { setResult(k, UInt64(value.bitPattern)) }
    /// Sets result `k`, of type f64, with its exact bits.
    @inlinable public func setF64(_ k: Int, _ value: Double) { setResult(k, value.bitPattern) }
}

/// A host function's body in its unboxed form: receives its caller and the call's slots, reads
/// the parameters and writes the results in place, or throws. A thrown `Trap` (`Trap.host(_:)`
/// for a message) traps the caller as it is; any other error traps it with the error's
/// description. Defined with `Linker.defineRaw(module:name:type:_:)`.
public typealias RawHostFunctionBody = (Caller, HostSlots) throws -> Void
