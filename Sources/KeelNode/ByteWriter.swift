import KeelState

/// Appends the primitives of the canonical encodings (docs/node.md, "Encoding"): bytes,
/// fixed-width little-endian integers, 32-byte addresses and `u32`-length-prefixed byte
/// strings.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }

    mutating func u64(_ value: UInt64) {
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }

    /// Raw bytes of a fixed length known to the reader (hashes, signatures).
    mutating func fixed(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    mutating func address(_ address: ContractAddress) { bytes.append(contentsOf: address.bytes) }

    /// A `u32` length, then the bytes.
    mutating func data(_ raw: [UInt8]) {
        u32(UInt32(raw.count))
        bytes.append(contentsOf: raw)
    }

    /// A `u32` byte length, then the UTF-8 bytes.
    mutating func text(_ string: String) { data(Array(string.utf8)) }
}

/// Reads the primitives ``ByteWriter`` writes, failing with a ``FormatError`` naming the
/// field and offset.
struct ByteReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    func error(_ field: String, _ reason: FormatError.Reason, at position: Int? = nil) -> FormatError {
        FormatError(field: field, offset: position ?? offset, reason: reason)
    }

    mutating func fixed(_ count: Int, _ field: String) throws(FormatError) -> [UInt8] {
        guard remaining >= count else { throw error(field, .truncated(needed: count - remaining)) }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func u8(_ field: String) throws(FormatError) -> UInt8 {
        try fixed(1, field)[0]
    }

    mutating func u32(_ field: String) throws(FormatError) -> UInt32 {
        try fixed(4, field).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func u64(_ field: String) throws(FormatError) -> UInt64 {
        try fixed(8, field).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func address(_ field: String) throws(FormatError) -> ContractAddress {
        // Read first: a short input throws here (under `try!` it would crash the process).
        let bytes = try fixed(ContractAddress.byteCount, field)
        // Sound: exactly 32 bytes were read.
        return try! ContractAddress(bytes)
    }

    /// A 0 or 1 byte.
    mutating func flag(_ field: String) throws(FormatError) -> Bool {
        let start = offset
        let byte = try u8(field)
        guard byte <= 1 else { throw error(field, .invalidFlag(byte), at: start) }
        return byte == 1
    }

    /// A `u32`-length-prefixed byte string of at most `limit` bytes.
    mutating func data(_ field: String, limit: Int) throws(FormatError) -> [UInt8] {
        let start = offset
        let length = Int(try u32(field))
        guard length <= limit else { throw error(field, .tooLarge(length: length, limit: limit), at: start) }
        return try fixed(length, field)
    }

    /// A `u32`-length-prefixed UTF-8 string of at most `limit` bytes.
    mutating func text(_ field: String, limit: Int, allowEmpty: Bool = true) throws(FormatError) -> String {
        let start = offset
        let raw = try data(field, limit: limit)
        guard allowEmpty || !raw.isEmpty else { throw error(field, .empty, at: start) }
        guard let string = String(validating: raw, as: UTF8.self) else { throw error(field, .invalidUTF8, at: start) }
        return string
    }

    /// A `u32` element count, bounded by `limit`.
    mutating func count(_ field: String, limit: Int) throws(FormatError) -> Int {
        let start = offset
        let count = Int(try u32(field))
        guard count <= limit else { throw error(field, .tooLarge(length: count, limit: limit), at: start) }
        return count
    }

    /// Fails unless every byte was read.
    func finish(_ what: String) throws(FormatError) {
        guard remaining == 0 else { throw error(what, .trailingBytes(count: remaining)) }
    }
}
