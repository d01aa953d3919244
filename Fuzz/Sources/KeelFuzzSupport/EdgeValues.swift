/// Constants biased towards the values where implementations disagree: zero, all ones, the
/// signed extremes, powers of two around 2^31 and 2^32, and for floats the NaNs (quiet,
/// signalling, negative, with payloads), infinities, signed zeros and subnormals.
public enum EdgeValues {
    /// 32-bit integer edges.
    public static let i32: [UInt32] = [
        0, 1, 2, 7, 8, 0xFFFF_FFFF, 0xFFFF_FFFE, 0x8000_0000, 0x7FFF_FFFF, 0x8000_0001, 31, 32, 33, 63, 64,
        0xFFFF, 0x1_0000, 0xFFFF_0000, 0x00FF_FFFF, 0x7F, 0x80, 0xFF, 0x100, 65535, 65536 - 4, 65536 - 8,
    ]

    /// 64-bit integer edges.
    public static let i64: [UInt64] = [
        0, 1, 2, 0xFFFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000,
        0xFFFF_FFFF, 0x1_0000_0000, 0x7FFF_FFFF, 0xFFFF_FFFF_8000_0000, 63, 64, 65, 0x8000_0000_0000_0001,
        0x0000_FFFF_FFFF_FFFF, 0x43E0_0000_0000_0000,
    ]

    /// f32 bit patterns.
    public static let f32: [UInt32] = [
        0x0000_0000, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 0x7F80_0000, 0xFF80_0000,
        0x7FC0_0000, 0xFFC0_0000, 0x7FA0_0000, 0x7F80_0001, 0xFFFF_FFFF, 0x7FC0_1234,
        0x0000_0001, 0x8000_0001, 0x007F_FFFF, 0x7F7F_FFFF, 0xFF7F_FFFF, 0x4F00_0000, 0xCF00_0000,
        0x4F80_0000, 0x5F00_0000, 0xDF00_0000, 0x3F00_0000, 0x3FC0_0000, 0x4040_0000,
    ]

    /// f64 bit patterns.
    public static let f64: [UInt64] = [
        0, 0x8000_0000_0000_0000, 0x3FF0_0000_0000_0000, 0xBFF0_0000_0000_0000, 0x7FF0_0000_0000_0000,
        0xFFF0_0000_0000_0000, 0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000, 0x7FF4_0000_0000_0000,
        0x7FF0_0000_0000_0001, 0xFFFF_FFFF_FFFF_FFFF, 0x7FF8_0000_0000_1234, 1, 0x8000_0000_0000_0001,
        0x000F_FFFF_FFFF_FFFF, 0x7FEF_FFFF_FFFF_FFFF, 0x41E0_0000_0000_0000, 0xC1E0_0000_0000_0000,
        0x41F0_0000_0000_0000, 0x43E0_0000_0000_0000, 0xC3E0_0000_0000_0000, 0x43F0_0000_0000_0000,
        0x3FE0_0000_0000_0000, 0x3FF8_0000_0000_0000, 0x41DF_FFFF_FFC0_0000,
    ]
}
