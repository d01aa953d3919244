/// Why a replay or an import could not run to a verdict (a divergence is not an error: it is
/// the ``ReplayReport/divergence`` of a finished replay).
public enum ReplayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The history lacks a record below its head.
    case missingRecord(height: UInt64, what: String)
    /// The requested range does not fit the history.
    case range(String)
    /// Replay options that cannot work (no backend, more than two).
    case options(String)
    /// An import found the file's blocks do not re-execute to what it records.
    case divergence(Divergence)

    public var description: String {
        switch self {
        case .missingRecord(let height, let what): "the recorded chain has no \(what) for block \(height) (below its head)"
        case .range(let message): "replay range: \(message)"
        case .options(let message): "replay options: \(message)"
        case .divergence(let divergence): "the recorded chain does not re-execute: \(divergence)"
        }
    }
}
