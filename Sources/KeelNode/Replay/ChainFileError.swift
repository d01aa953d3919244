/// Why bytes are not a readable chain file (docs/node.md, "Chain files"): what is wrong,
/// the byte offset and the record it was in.
public struct ChainFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The byte offset in the file where the problem is.
    public var offset: Int
    /// The record being read (`file header`, `record 3 (block 2)`...).
    public var record: String
    /// What is wrong.
    public var reason: String

    /// Creates an error.
    public init(offset: Int, record: String, reason: String) {
        self.offset = offset
        self.record = record
        self.reason = reason
    }

    public var description: String { "chain file: \(record) at byte \(offset): \(reason)" }
}
