/// Why a module failed to compile.
public struct CompileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: Hashable, Sendable {
        /// The bytes (or text) are not a well-formed module.
        case malformed
        /// The module is well formed but fails validation.
        case invalid
        /// The module uses a WebAssembly proposal Keel does not implement.
        case unsupported
        /// The module exceeds a configured resource limit.
        case limit
        /// The module breaks a rule of the engine's profile (floats in no-float mode).
        case profile
    }

    public let kind: Kind
    /// What is wrong, without the location.
    public let message: String
    /// Byte offset in the module binary, when known.
    public let offset: Int?
    /// Index of the function (in the function index space) the error is in, when in code.
    public let functionIndex: Int?

    public init(_ kind: Kind, _ message: String, offset: Int? = nil, functionIndex: Int? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.functionIndex = functionIndex
    }

    public var description: String {
        let prefix: String
        switch kind {
        case .malformed: prefix = "malformed module"
        case .invalid: prefix = "invalid module"
        case .unsupported: prefix = "unsupported feature"
        case .limit: prefix = "resource limit exceeded"
        case .profile: prefix = "rejected by the engine profile"
        }
        var text = "\(prefix): \(message)"
        if let functionIndex { text += " in function \(functionIndex)" }
        if let offset { text += " at offset 0x\(String(offset, radix: 16))" }
        return text
    }
}
