import KeelState

/// An error from the state tree: its store, a stored node, a proof, or a misuse.
public enum StateTreeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The store failed.
    case state(StateError)
    /// No tree is stored at this version (never written, or pruned).
    case unknownVersion(UInt64)
    /// An update's version is not above the latest stored version.
    case versionNotAfterLatest(version: UInt64, latest: UInt64)
    /// A node the tree refers to is absent from the store (key in hex).
    case missingNode(key: String)
    /// A stored node record is malformed (key in hex, and what is wrong).
    case corruptNode(key: String, reason: String)
    /// A proof's encoding is malformed at byte `offset`.
    case malformedProof(offset: Int, reason: String)
    /// A proof does not prove the claimed key and value under the root.
    case proofRejected(String)

    /// A one-line description for logs and error messages.
    public var description: String {
        switch self {
        case .state(let error): "state tree: \(error)"
        case .unknownVersion(let version): "state tree: no tree stored at version \(version)"
        case .versionNotAfterLatest(let version, let latest):
            "state tree: update to version \(version) is not after the latest version \(latest)"
        case .missingNode(let key): "state tree: node \(key) is missing from the store"
        case .corruptNode(let key, let reason): "state tree: node \(key) is corrupt: \(reason)"
        case .malformedProof(let offset, let reason): "state proof malformed at byte \(offset): \(reason)"
        case .proofRejected(let reason): "state proof rejected: \(reason)"
        }
    }
}
