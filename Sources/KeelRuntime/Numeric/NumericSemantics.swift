/// The semantics of every numeric instruction on native Swift values (WebAssembly 2.0,
/// "Numerics"). Integers are unsigned bit patterns; signed operations reinterpret.
/// Instructions that can trap return the trap kind beside their value (no `throws`, which
/// would keep the interpreter's handlers from ending in tail calls).
/// Float arithmetic relies on IEEE 754 hardware semantics, which propagate NaN operands as quiet
/// NaNs (arithmetic NaNs in the specification's terms); bitwise float operations act on bits.
///
/// Public, not `package`, only so the optimizer inlines it into the interpreter's handlers:
/// this toolchain does not inline `@inlinable package` bodies across modules. `KeelRuntime` is
/// no product, so this is not API.
public enum Num {
    // MARK: i32
    @inlinable @inline(__always) public static func i32Eqz(_ x: UInt32) -> UInt32 { x == 0 ? 1 : 0 }
    @inlinable @inline(__always) public static func i32Eq(_ x: UInt32, _ y: UInt32) -> UInt32 { x == y ? 1 : 0 }
    @inlinable @inline(__always) public static func i32Ne(_ x: UInt32, _ y: UInt32) -> UInt32 { x != y ? 1 : 0 }
    @inlinable @inline(__always) public static func i32LtS(_ x: UInt32, _ y: UInt32) -> UInt32 { Int32(bitPattern: x) < Int32(bitPattern: y) ? 1 : 0 }
    @inlinable @inline(__always) public static func i32LtU(_ x: UInt32, _ y: UInt32) -> UInt32 { x < y ? 1 : 0 }
    @inlinable @inline(__always) public static func i32GtS(_ x: UInt32, _ y: UInt32) -> UInt32 { Int32(bitPattern: x) > Int32(bitPattern: y) ? 1 : 0 }
    @inlinable @inline(__always) public static func i32GtU(_ x: UInt32, _ y: UInt32) -> UInt32 { x > y ? 1 : 0 }
    @inlinable @inline(__always) public static func i32LeS(_ x: UInt32, _ y: UInt32) -> UInt32 { Int32(bitPattern: x) <= Int32(bitPattern: y) ? 1 : 0 }
    @inlinable @inline(__always) public static func i32LeU(_ x: UInt32, _ y: UInt32) -> UInt32 { x <= y ? 1 : 0 }
    @inlinable @inline(__always) public static func i32GeS(_ x: UInt32, _ y: UInt32) -> UInt32 { Int32(bitPattern: x) >= Int32(bitPattern: y) ? 1 : 0 }
    @inlinable @inline(__always) public static func i32GeU(_ x: UInt32, _ y: UInt32) -> UInt32 { x >= y ? 1 : 0 }
    @inlinable @inline(__always) public static func i32Clz(_ x: UInt32) -> UInt32 { UInt32(x.leadingZeroBitCount) }
    @inlinable @inline(__always) public static func i32Ctz(_ x: UInt32) -> UInt32 { UInt32(x.trailingZeroBitCount) }
    @inlinable @inline(__always) public static func i32Popcnt(_ x: UInt32) -> UInt32 { UInt32(x.nonzeroBitCount) }
    @inlinable @inline(__always) public static func i32Add(_ x: UInt32, _ y: UInt32) -> UInt32 { x &+ y }
    @inlinable @inline(__always) public static func i32Sub(_ x: UInt32, _ y: UInt32) -> UInt32 { x &- y }
    @inlinable @inline(__always) public static func i32Mul(_ x: UInt32, _ y: UInt32) -> UInt32 { x &* y }
    @inlinable @inline(__always) public static func i32DivS(_ x: UInt32, _ y: UInt32) -> (UInt32, TrapKind?) {
        if y == 0 { return (0, .integerDivideByZero) }
        if x == 0x8000_0000 && y == 0xFFFF_FFFF { return (0, .integerOverflow) }
        return (UInt32(bitPattern: Int32(bitPattern: x) / Int32(bitPattern: y)), nil)
    }
    @inlinable @inline(__always) public static func i32DivU(_ x: UInt32, _ y: UInt32) -> (UInt32, TrapKind?) {
        if y == 0 { return (0, .integerDivideByZero) }
        return (x / y, nil)
    }
    @inlinable @inline(__always) public static func i32RemS(_ x: UInt32, _ y: UInt32) -> (UInt32, TrapKind?) {
        if y == 0 { return (0, .integerDivideByZero) }
        if y == 0xFFFF_FFFF { return (0, nil) }
        return (UInt32(bitPattern: Int32(bitPattern: x) % Int32(bitPattern: y)), nil)
    }
    @inlinable @inline(__always) public static func i32RemU(_ x: UInt32, _ y: UInt32) -> (UInt32, TrapKind?) {
        if y == 0 { return (0, .integerDivideByZero) }
        return (x % y, nil)
    }
    @inlinable @inline(__always) public static func i32And(_ x: UInt32, _ y: UInt32) -> UInt32 { x & y }
    @inlinable @inline(__always) public static func i32Or(_ x: UInt32, _ y: UInt32) -> UInt32 { x | y }
    @inlinable @inline(__always) public static func i32Xor(_ x: UInt32, _ y: UInt32) -> UInt32 { x ^ y }
    @inlinable @inline(__always) public static func i32Shl(_ x: UInt32, _ y: UInt32) -> UInt32 { x &<< y }
    @inlinable @inline(__always) public static func i32ShrS(_ x: UInt32, _ y: UInt32) -> UInt32 { UInt32(bitPattern: Int32(bitPattern: x) &>> Int32(bitPattern: y)) }
    @inlinable @inline(__always) public static func i32ShrU(_ x: UInt32, _ y: UInt32) -> UInt32 { x &>> y }
    @inlinable @inline(__always) public static func i32Rotl(_ x: UInt32, _ y: UInt32) -> UInt32 { (x &<< y) | (x &>> (32 &- (y & 31))) }
    @inlinable @inline(__always) public static func i32Rotr(_ x: UInt32, _ y: UInt32) -> UInt32 { (x &>> y) | (x &<< (32 &- (y & 31))) }
    @inlinable @inline(__always) public static func i32Extend8S(_ x: UInt32) -> UInt32 { UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: x))) }
    @inlinable @inline(__always) public static func i32Extend16S(_ x: UInt32) -> UInt32 { UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: x))) }

    // MARK: i64
    @inlinable @inline(__always) public static func i64Eqz(_ x: UInt64) -> UInt32 { x == 0 ? 1 : 0 }
    @inlinable @inline(__always) public static func i64Eq(_ x: UInt64, _ y: UInt64) -> UInt32 { x == y ? 1 : 0 }
    @inlinable @inline(__always) public static func i64Ne(_ x: UInt64, _ y: UInt64) -> UInt32 { x != y ? 1 : 0 }
    @inlinable @inline(__always) public static func i64LtS(_ x: UInt64, _ y: UInt64) -> UInt32 { Int64(bitPattern: x) < Int64(bitPattern: y) ? 1 : 0 }
    @inlinable @inline(__always) public static func i64LtU(_ x: UInt64, _ y: UInt64) -> UInt32 { x < y ? 1 : 0 }
    @inlinable @inline(__always) public static func i64GtS(_ x: UInt64, _ y: UInt64) -> UInt32 { Int64(bitPattern: x) > Int64(bitPattern: y) ? 1 : 0 }
    @inlinable @inline(__always) public static func i64GtU(_ x: UInt64, _ y: UInt64) -> UInt32 { x > y ? 1 : 0 }
    @inlinable @inline(__always) public static func i64LeS(_ x: UInt64, _ y: UInt64) -> UInt32 { Int64(bitPattern: x) <= Int64(bitPattern: y) ? 1 : 0 }
    @inlinable @inline(__always) public static func i64LeU(_ x: UInt64, _ y: UInt64) -> UInt32 { x <= y ? 1 : 0 }
    @inlinable @inline(__always) public static func i64GeS(_ x: UInt64, _ y: UInt64) -> UInt32 { Int64(bitPattern: x) >= Int64(bitPattern: y) ? 1 : 0 }
    @inlinable @inline(__always) public static func i64GeU(_ x: UInt64, _ y: UInt64) -> UInt32 { x >= y ? 1 : 0 }
    @inlinable @inline(__always) public static func i64Clz(_ x: UInt64) -> UInt64 { UInt64(x.leadingZeroBitCount) }
    @inlinable @inline(__always) public static func i64Ctz(_ x: UInt64) -> UInt64 { UInt64(x.trailingZeroBitCount) }
    @inlinable @inline(__always) public static func i64Popcnt(_ x: UInt64) -> UInt64 { UInt64(x.nonzeroBitCount) }
    @inlinable @inline(__always) public static func i64Add(_ x: UInt64, _ y: UInt64) -> UInt64 { x &+ y }
    @inlinable @inline(__always) public static func i64Sub(_ x: UInt64, _ y: UInt64) -> UInt64 { x &- y }
    @inlinable @inline(__always) public static func i64Mul(_ x: UInt64, _ y: UInt64) -> UInt64 { x &* y }
    @inlinable @inline(__always) public static func i64DivS(_ x: UInt64, _ y: UInt64) -> (UInt64, TrapKind?) {
        if y == 0 { return (0, .integerDivideByZero) }
        if x == 0x8000_0000_0000_0000 && y == UInt64.max { return (0, .integerOverflow) }
        return (UInt64(bitPattern: Int64(bitPattern: x) / Int64(bitPattern: y)), nil)
    }
    @inlinable @inline(__always) public static func i64DivU(_ x: UInt64, _ y: UInt64) -> (UInt64, TrapKind?) {
        if y == 0 { return (0, .integerDivideByZero) }
        return (x / y, nil)
    }
    @inlinable @inline(__always) public static func i64RemS(_ x: UInt64, _ y: UInt64) -> (UInt64, TrapKind?) {
        if y == 0 { return (0, .integerDivideByZero) }
        if y == UInt64.max { return (0, nil) }
        return (UInt64(bitPattern: Int64(bitPattern: x) % Int64(bitPattern: y)), nil)
    }
    @inlinable @inline(__always) public static func i64RemU(_ x: UInt64, _ y: UInt64) -> (UInt64, TrapKind?) {
        if y == 0 { return (0, .integerDivideByZero) }
        return (x % y, nil)
    }
    @inlinable @inline(__always) public static func i64And(_ x: UInt64, _ y: UInt64) -> UInt64 { x & y }
    @inlinable @inline(__always) public static func i64Or(_ x: UInt64, _ y: UInt64) -> UInt64 { x | y }
    @inlinable @inline(__always) public static func i64Xor(_ x: UInt64, _ y: UInt64) -> UInt64 { x ^ y }
    @inlinable @inline(__always) public static func i64Shl(_ x: UInt64, _ y: UInt64) -> UInt64 { x &<< y }
    @inlinable @inline(__always) public static func i64ShrS(_ x: UInt64, _ y: UInt64) -> UInt64 { UInt64(bitPattern: Int64(bitPattern: x) &>> Int64(bitPattern: y)) }
    @inlinable @inline(__always) public static func i64ShrU(_ x: UInt64, _ y: UInt64) -> UInt64 { x &>> y }
    @inlinable @inline(__always) public static func i64Rotl(_ x: UInt64, _ y: UInt64) -> UInt64 { (x &<< y) | (x &>> (64 &- (y & 63))) }
    @inlinable @inline(__always) public static func i64Rotr(_ x: UInt64, _ y: UInt64) -> UInt64 { (x &>> y) | (x &<< (64 &- (y & 63))) }
    @inlinable @inline(__always) public static func i64Extend8S(_ x: UInt64) -> UInt64 { UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: x))) }
    @inlinable @inline(__always) public static func i64Extend16S(_ x: UInt64) -> UInt64 { UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: x))) }
    @inlinable @inline(__always) public static func i64Extend32S(_ x: UInt64) -> UInt64 { UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: x))) }

    // MARK: f32
    @inlinable @inline(__always) public static func f32Eq(_ x: Float, _ y: Float) -> UInt32 { x == y ? 1 : 0 }
    @inlinable @inline(__always) public static func f32Ne(_ x: Float, _ y: Float) -> UInt32 { x != y ? 1 : 0 }
    @inlinable @inline(__always) public static func f32Lt(_ x: Float, _ y: Float) -> UInt32 { x < y ? 1 : 0 }
    @inlinable @inline(__always) public static func f32Gt(_ x: Float, _ y: Float) -> UInt32 { x > y ? 1 : 0 }
    @inlinable @inline(__always) public static func f32Le(_ x: Float, _ y: Float) -> UInt32 { x <= y ? 1 : 0 }
    @inlinable @inline(__always) public static func f32Ge(_ x: Float, _ y: Float) -> UInt32 { x >= y ? 1 : 0 }
    @inlinable @inline(__always) public static func f32Abs(_ x: Float) -> Float { Float(bitPattern: x.bitPattern & 0x7FFF_FFFF) }
    @inlinable @inline(__always) public static func f32Neg(_ x: Float) -> Float { Float(bitPattern: x.bitPattern ^ 0x8000_0000) }
    @inlinable @inline(__always) public static func f32Ceil(_ x: Float) -> Float { x.rounded(.up) }
    @inlinable @inline(__always) public static func f32Floor(_ x: Float) -> Float { x.rounded(.down) }
    @inlinable @inline(__always) public static func f32Trunc(_ x: Float) -> Float { x.rounded(.towardZero) }
    @inlinable @inline(__always) public static func f32Nearest(_ x: Float) -> Float { x.rounded(.toNearestOrEven) }
    @inlinable @inline(__always) public static func f32Sqrt(_ x: Float) -> Float { x.squareRoot() }
    @inlinable @inline(__always) public static func f32Add(_ x: Float, _ y: Float) -> Float { x + y }
    @inlinable @inline(__always) public static func f32Sub(_ x: Float, _ y: Float) -> Float { x - y }
    @inlinable @inline(__always) public static func f32Mul(_ x: Float, _ y: Float) -> Float { x * y }
    @inlinable @inline(__always) public static func f32Div(_ x: Float, _ y: Float) -> Float { x / y }
    @inlinable @inline(__always) public static func f32Min(_ x: Float, _ y: Float) -> Float { fmin(x, y) }
    @inlinable @inline(__always) public static func f32Max(_ x: Float, _ y: Float) -> Float { fmax(x, y) }
    @inlinable @inline(__always) public static func f32Copysign(_ x: Float, _ y: Float) -> Float {
        Float(bitPattern: (x.bitPattern & 0x7FFF_FFFF) | (y.bitPattern & 0x8000_0000))
    }

    // MARK: f64
    @inlinable @inline(__always) public static func f64Eq(_ x: Double, _ y: Double) -> UInt32 { x == y ? 1 : 0 }
    @inlinable @inline(__always) public static func f64Ne(_ x: Double, _ y: Double) -> UInt32 { x != y ? 1 : 0 }
    @inlinable @inline(__always) public static func f64Lt(_ x: Double, _ y: Double) -> UInt32 { x < y ? 1 : 0 }
    @inlinable @inline(__always) public static func f64Gt(_ x: Double, _ y: Double) -> UInt32 { x > y ? 1 : 0 }
    @inlinable @inline(__always) public static func f64Le(_ x: Double, _ y: Double) -> UInt32 { x <= y ? 1 : 0 }
    @inlinable @inline(__always) public static func f64Ge(_ x: Double, _ y: Double) -> UInt32 { x >= y ? 1 : 0 }
    @inlinable @inline(__always) public static func f64Abs(_ x: Double) -> Double { Double(bitPattern: x.bitPattern & 0x7FFF_FFFF_FFFF_FFFF) }
    @inlinable @inline(__always) public static func f64Neg(_ x: Double) -> Double { Double(bitPattern: x.bitPattern ^ 0x8000_0000_0000_0000) }
    @inlinable @inline(__always) public static func f64Ceil(_ x: Double) -> Double { x.rounded(.up) }
    @inlinable @inline(__always) public static func f64Floor(_ x: Double) -> Double { x.rounded(.down) }
    @inlinable @inline(__always) public static func f64Trunc(_ x: Double) -> Double { x.rounded(.towardZero) }
    @inlinable @inline(__always) public static func f64Nearest(_ x: Double) -> Double { x.rounded(.toNearestOrEven) }
    @inlinable @inline(__always) public static func f64Sqrt(_ x: Double) -> Double { x.squareRoot() }
    @inlinable @inline(__always) public static func f64Add(_ x: Double, _ y: Double) -> Double { x + y }
    @inlinable @inline(__always) public static func f64Sub(_ x: Double, _ y: Double) -> Double { x - y }
    @inlinable @inline(__always) public static func f64Mul(_ x: Double, _ y: Double) -> Double { x * y }
    @inlinable @inline(__always) public static func f64Div(_ x: Double, _ y: Double) -> Double { x / y }
    @inlinable @inline(__always) public static func f64Min(_ x: Double, _ y: Double) -> Double { fmin(x, y) }
    @inlinable @inline(__always) public static func f64Max(_ x: Double, _ y: Double) -> Double { fmax(x, y) }
    @inlinable @inline(__always) public static func f64Copysign(_ x: Double, _ y: Double) -> Double {
        Double(bitPattern: (x.bitPattern & 0x7FFF_FFFF_FFFF_FFFF) | (y.bitPattern & 0x8000_0000_0000_0000))
    }

    /// WebAssembly `min`: NaN if either operand is NaN, and -0 below +0.
    @inlinable @inline(__always) public static func fmin<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
        if x.isNaN || y.isNaN { return x + y }
        if x == y { return x.sign == .minus ? x : y }
        return x < y ? x : y
    }

    /// WebAssembly `max`: NaN if either operand is NaN, and +0 above -0.
    @inlinable @inline(__always) public static func fmax<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
        if x.isNaN || y.isNaN { return x + y }
        if x == y { return x.sign == .minus ? y : x }
        return x > y ? x : y
    }

    /// The deterministic profile's NaN rule: a NaN result becomes the canonical positive NaN.
    /// (A self-comparison is false only for NaN and compiles to one `ucomis` and a branch,
    /// cheaper than `isNaN`'s bit tests.)
    @inlinable @inline(__always) public static func canonical(_ x: Float) -> Float { x == x ? x : Float(bitPattern: 0x7FC0_0000) }
    @inlinable @inline(__always) public static func canonical(_ x: Double) -> Double { x == x ? x : Double(bitPattern: 0x7FF8_0000_0000_0000) }

    // MARK: Conversions
    @inlinable @inline(__always) public static func i32WrapI64(_ x: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: x) }
    @inlinable @inline(__always) public static func i64ExtendI32S(_ x: UInt32) -> UInt64 { UInt64(bitPattern: Int64(Int32(bitPattern: x))) }
    @inlinable @inline(__always) public static func i64ExtendI32U(_ x: UInt32) -> UInt64 { UInt64(x) }

    /// `x` truncated, or why it cannot convert (NaN, or outside `low..<high`).
    @inlinable @inline(__always) public static func checkedTrunc<F: BinaryFloatingPoint>(_ x: F, above low: F, below high: F, inclusiveLow: Bool) -> (F, TrapKind?) {
        if x.isNaN { return (0, .invalidConversionToInteger) }
        let inRange = (inclusiveLow ? x >= low : x > low) && x < high
        if !inRange { return (0, .integerOverflow) }
        return (x.rounded(.towardZero), nil)
    }
    @inlinable @inline(__always) public static func i32TruncF32S(_ x: Float) -> (UInt32, TrapKind?) {
        let (t, kind) = checkedTrunc(x, above: -2147483648.0, below: 2147483648.0, inclusiveLow: true)
        return kind == nil ? (UInt32(bitPattern: Int32(t)), nil) : (0, kind)
    }
    @inlinable @inline(__always) public static func i32TruncF32U(_ x: Float) -> (UInt32, TrapKind?) {
        let (t, kind) = checkedTrunc(x, above: -1.0, below: 4294967296.0, inclusiveLow: false)
        return kind == nil ? (UInt32(t), nil) : (0, kind)
    }
    @inlinable @inline(__always) public static func i32TruncF64S(_ x: Double) -> (UInt32, TrapKind?) {
        let (t, kind) = checkedTrunc(x, above: -2147483649.0, below: 2147483648.0, inclusiveLow: false)
        return kind == nil ? (UInt32(bitPattern: Int32(t)), nil) : (0, kind)
    }
    @inlinable @inline(__always) public static func i32TruncF64U(_ x: Double) -> (UInt32, TrapKind?) {
        let (t, kind) = checkedTrunc(x, above: -1.0, below: 4294967296.0, inclusiveLow: false)
        return kind == nil ? (UInt32(t), nil) : (0, kind)
    }
    @inlinable @inline(__always) public static func i64TruncF32S(_ x: Float) -> (UInt64, TrapKind?) {
        let (t, kind) = checkedTrunc(x, above: -9223372036854775808.0, below: 9223372036854775808.0, inclusiveLow: true)
        return kind == nil ? (UInt64(bitPattern: Int64(t)), nil) : (0, kind)
    }
    @inlinable @inline(__always) public static func i64TruncF32U(_ x: Float) -> (UInt64, TrapKind?) {
        let (t, kind) = checkedTrunc(x, above: -1.0, below: 18446744073709551616.0, inclusiveLow: false)
        return kind == nil ? (UInt64(t), nil) : (0, kind)
    }
    @inlinable @inline(__always) public static func i64TruncF64S(_ x: Double) -> (UInt64, TrapKind?) {
        let (t, kind) = checkedTrunc(x, above: -9223372036854775808.0, below: 9223372036854775808.0, inclusiveLow: true)
        return kind == nil ? (UInt64(bitPattern: Int64(t)), nil) : (0, kind)
    }
    @inlinable @inline(__always) public static func i64TruncF64U(_ x: Double) -> (UInt64, TrapKind?) {
        let (t, kind) = checkedTrunc(x, above: -1.0, below: 18446744073709551616.0, inclusiveLow: false)
        return kind == nil ? (UInt64(t), nil) : (0, kind)
    }

    @inlinable @inline(__always) public static func saturate<F: BinaryFloatingPoint, I: FixedWidthInteger>(_ x: F, _: I.Type) -> I {
        if x.isNaN { return 0 }
        if x <= F(I.min) { return I.min }
        if x >= F(I.max) { return I.max }
        return I(x.rounded(.towardZero))
    }
    @inlinable @inline(__always) public static func i32TruncSatF32S(_ x: Float) -> UInt32 { UInt32(bitPattern: saturate(x, Int32.self)) }
    @inlinable @inline(__always) public static func i32TruncSatF32U(_ x: Float) -> UInt32 { saturate(x, UInt32.self) }
    @inlinable @inline(__always) public static func i32TruncSatF64S(_ x: Double) -> UInt32 { UInt32(bitPattern: saturate(x, Int32.self)) }
    @inlinable @inline(__always) public static func i32TruncSatF64U(_ x: Double) -> UInt32 { saturate(x, UInt32.self) }
    @inlinable @inline(__always) public static func i64TruncSatF32S(_ x: Float) -> UInt64 { UInt64(bitPattern: saturate(x, Int64.self)) }
    @inlinable @inline(__always) public static func i64TruncSatF32U(_ x: Float) -> UInt64 { saturate(x, UInt64.self) }
    @inlinable @inline(__always) public static func i64TruncSatF64S(_ x: Double) -> UInt64 { UInt64(bitPattern: saturate(x, Int64.self)) }
    @inlinable @inline(__always) public static func i64TruncSatF64U(_ x: Double) -> UInt64 { saturate(x, UInt64.self) }

    @inlinable @inline(__always) public static func f32ConvertI32S(_ x: UInt32) -> Float { Float(Int32(bitPattern: x)) }
    @inlinable @inline(__always) public static func f32ConvertI32U(_ x: UInt32) -> Float { Float(x) }
    @inlinable @inline(__always) public static func f32ConvertI64S(_ x: UInt64) -> Float { Float(Int64(bitPattern: x)) }
    @inlinable @inline(__always) public static func f32ConvertI64U(_ x: UInt64) -> Float { Float(x) }
    @inlinable @inline(__always) public static func f32DemoteF64(_ x: Double) -> Float { Float(x) }
    @inlinable @inline(__always) public static func f64ConvertI32S(_ x: UInt32) -> Double { Double(Int32(bitPattern: x)) }
    @inlinable @inline(__always) public static func f64ConvertI32U(_ x: UInt32) -> Double { Double(x) }
    @inlinable @inline(__always) public static func f64ConvertI64S(_ x: UInt64) -> Double { Double(Int64(bitPattern: x)) }
    @inlinable @inline(__always) public static func f64ConvertI64U(_ x: UInt64) -> Double { Double(x) }
    @inlinable @inline(__always) public static func f64PromoteF32(_ x: Float) -> Double { Double(x) }
}
