/// An error from the state layer: opening or using a store, or misusing the overlay.
public enum StateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The database is held open by another handle or process (LevelDB's `LOCK` file).
    case locked(path: String, message: String)
    /// No database exists at `path` and creation was not requested.
    case missing(path: String)
    /// The database files are corrupt (LevelDB reported `Corruption`).
    case corrupt(path: String, message: String)
    /// An I/O or other storage failure, with the storage engine's message.
    case io(message: String)
    /// The checkpoint was already reverted or committed, or belongs to another overlay.
    case checkpointNotOpen
    /// A checkpoint was committed while a checkpoint taken after it is still open.
    case checkpointNotInnermost
    /// A contract address did not have 32 bytes.
    case invalidAddress(length: Int)
    /// A value in the state does not have the shape its namespace requires.
    case invalidValue(String)

    /// A one-line description for logs and error messages.
    public var description: String {
        switch self {
        case .locked(let path, let message):
            "database at \(path) is locked by another handle or process (\(message))"
        case .missing(let path):
            "no database at \(path) (creation not requested)"
        case .corrupt(let path, let message):
            "database at \(path) is corrupt (\(message))"
        case .io(let message):
            "storage I/O error: \(message)"
        case .checkpointNotOpen:
            "checkpoint is not open (already reverted or committed)"
        case .checkpointNotInnermost:
            "checkpoint committed while a later checkpoint is still open"
        case .invalidAddress(let length):
            "contract address has \(length) bytes, expected 32"
        case .invalidValue(let message):
            "invalid value in the state: \(message)"
        }
    }
}
