import Keel
import KeelCrypto
import KeelState

/// Contract code kept in the state, stored once per distinct module:
///
/// - namespace `0x02`: `0x02 ‖ address[32]` holds the 32-byte SHA-256 of the contract's code;
/// - namespace `0x04`: `0x04 ‖ codeHash[32]` holds the module's bytes as deployed.
///
/// Deploying the same module at two addresses writes two `0x02` entries and one `0x04` entry.
public enum ContractCode {
    /// The namespace tag of contract addresses (mapping to code hashes) in the global key space.
    public static let namespaceTag: UInt8 = 0x02
    /// The namespace tag of code bytes, keyed by their hash.
    public static let codeNamespaceTag: UInt8 = 0x04

    /// The state key of `address`'s code hash.
    public static func key(for address: ContractAddress) -> [UInt8] {
        [namespaceTag] + address.bytes
    }

    /// The state key of the code whose SHA-256 is `codeHash`.
    public static func codeKey(for codeHash: [UInt8]) -> [UInt8] {
        [codeNamespaceTag] + codeHash
    }

    /// The hash code is stored under: its SHA-256.
    public static func hash(of code: [UInt8]) -> [UInt8] {
        SHA256.hash(code)
    }

    /// The hash of the code deployed at `address`, or nil when no contract is there.
    ///
    /// - Throws: ``StateError`` from the store, or when the stored value is not 32 bytes.
    public static func codeHash(at address: ContractAddress, in state: any KeyValueReader) throws(StateError) -> [UInt8]? {
        guard let hash = try state.get(key(for: address)) else { return nil }
        guard hash.count == SHA256.byteCount else {
            throw .invalidValue("code hash of \(address) is \(hash.count) bytes, expected 32")
        }
        return hash
    }

    /// The code deployed at `address`, or nil.
    ///
    /// - Throws: ``StateError`` from the store, or when the address names a code hash whose
    ///   code is missing.
    public static func code(at address: ContractAddress, in state: any KeyValueReader) throws(StateError) -> [UInt8]? {
        guard let hash = try codeHash(at: address, in: state) else { return nil }
        return try code(hash: hash, of: address, in: state)
    }

    /// The code stored under `hash` for the contract at `address` (named in the error).
    static func code(hash: [UInt8], of address: ContractAddress, in state: any KeyValueReader) throws(StateError) -> [UInt8] {
        guard let code = try state.get(codeKey(for: hash)) else {
            throw .invalidValue("contract \(address) names code \(Hex.encode(hash)), which is not stored")
        }
        return code
    }

    /// Makes `code` the code of `address` in `overlay`: writes the address's code hash, and
    /// the code itself only when no contract stored it before.
    public static func store(_ code: [UInt8], at address: ContractAddress, in overlay: StateOverlay) throws(StateError) {
        let hash = hash(of: code)
        overlay.set(key(for: address), hash)
        if try overlay.get(codeKey(for: hash)) == nil {
            overlay.set(codeKey(for: hash), code)
        }
    }

    /// The address `keel exec` deploys a module at: the SHA-256 of its bytes.
    public static func address(of code: [UInt8]) -> ContractAddress {
        // Sound: a SHA-256 digest is always 32 bytes, an address's length.
        try! ContractAddress(SHA256.hash(code))
    }
}

/// Resolves contracts from the code stored in the state (``ContractCode``), compiling each
/// distinct module once with the host's engine.
public final class StateContractResolver: ContractResolver {
    /// The engine modules are compiled with (the host's).
    public let engine: Engine
    /// Compiled modules by code hash. Looked up, never iterated; a hash names one module's
    /// bytes, so every state holding that hash holds that module.
    private var cache: [[UInt8]: Module] = [:]

    /// Creates a resolver compiling with `engine`.
    public init(engine: Engine) {
        self.engine = engine
    }

    public func module(at address: ContractAddress, in state: any KeyValueReader) throws -> Module? {
        guard let hash = try ContractCode.codeHash(at: address, in: state) else { return nil }
        if let cached = cache[hash] { return cached }
        let code = try ContractCode.code(hash: hash, of: address, in: state)
        return try compiled(code, hash: hash)
    }

    /// `code` (deployed or about to be deployed) compiled by the engine, from the cache when
    /// it was compiled before.
    public func compiled(_ code: [UInt8]) throws(CompileError) -> Module {
        try compiled(code, hash: ContractCode.hash(of: code))
    }

    private func compiled(_ code: [UInt8], hash: [UInt8]) throws(CompileError) -> Module {
        if let cached = cache[hash] { return cached }
        let module = try Module(engine: engine, bytes: code)
        cache[hash] = module
        return module
    }
}
