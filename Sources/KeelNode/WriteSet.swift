import KeelCrypto
import KeelState

/// The canonical encoding and hash of write sets (a transaction's or a block's net state
/// changes, sorted by key).
public enum WriteSet {
    /// The encoding: count u32, then per change (sorted by key) the key (u32 length + bytes),
    /// a flag (1 set, 0 delete) and, when set, the value (u32 length + bytes).
    public static func encode(_ changes: [StateChange]) -> [UInt8] {
        var writer = ByteWriter()
        encode(changes, into: &writer)
        return writer.bytes
    }

    /// SHA-256 of ``encode(_:)``.
    public static func hash(_ changes: [StateChange]) -> [UInt8] {
        SHA256.hash(encode(changes))
    }

    static func encode(_ changes: [StateChange], into writer: inout ByteWriter) {
        writer.u32(UInt32(changes.count))
        for change in changes {
            writer.data(change.key)
            if let value = change.value {
                writer.u8(1)
                writer.data(value)
            } else {
                writer.u8(0)
            }
        }
    }

    static func decode(from reader: inout ByteReader) throws(FormatError) -> [StateChange] {
        let unbounded = Int(UInt32.max)
        var changes: [StateChange] = []
        for _ in 0..<(try reader.count("writeSet", limit: reader.remaining / 5)) {
            let key = try reader.data("change.key", limit: unbounded)
            let value = try reader.flag("change.present") ? try reader.data("change.value", limit: unbounded) : nil
            changes.append(StateChange(key: key, value: value))
        }
        return changes
    }
}
