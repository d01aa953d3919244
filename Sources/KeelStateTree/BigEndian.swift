/// Big-endian integer fields of node keys, node records and proofs.
enum BigEndian {
    /// Appends `value` as `T.bitWidth / 8` big-endian bytes.
    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        var shift = T.bitWidth - 8
        while shift >= 0 {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
            shift -= 8
        }
    }

    /// The big-endian integer of type `T` at `offset`; the caller checked the length.
    static func read<T: FixedWidthInteger>(_ type: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
        var value: T = 0
        for index in offset..<offset + T.bitWidth / 8 {
            value = value << 8 | T(bytes[index])
        }
        return value
    }
}
