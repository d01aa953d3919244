import Keel

/// A module made by ``ModuleGenerator`` and how to run it: each exported function with the
/// arguments to call it with, in export order.
public struct GeneratedModule: CustomStringConvertible {
    /// One export call.
    public struct Call {
        /// The export's name.
        public var export: String
        public var arguments: [Value]
    }

    /// The module's binary encoding.
    public var bytes: [UInt8]
    /// The calls to make, in order (every exported function once).
    public var calls: [Call]

    public var description: String {
        "module of \(bytes.count) bytes: " + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            + "; calls: " + calls.map { "\($0.export)(\($0.arguments.map(\.description).joined(separator: ", ")))" }.joined(separator: ", ")
    }
}
