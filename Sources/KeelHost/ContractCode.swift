import Keel
import KeelCrypto
import KeelState

/// Contract code kept in the state: namespace tag `0x02` followed by the address, holding
/// the module's bytes as deployed.
public enum ContractCode {
    /// The namespace tag of contract code in the global key space.
    public static let namespaceTag: UInt8 = 0x02

    /// The state key of `address`'s code.
    public static func key(for address: ContractAddress) -> [UInt8] {
        [namespaceTag] + address.bytes
    }

    /// The code deployed at `address`, or nil.
    public static func code(at address: ContractAddress, in state: any KeyValueReader) throws(StateError) -> [UInt8]? {
        try state.get(key(for: address))
    }

    /// The address `keel exec` deploys a module at: the SHA-256 of its bytes.
    public static func address(of code: [UInt8]) -> ContractAddress {
        // Sound: a SHA-256 digest is always 32 bytes, an address's length.
        try! ContractAddress(SHA256.hash(code))
    }
}

/// Resolves contracts from the code stored in the state (``ContractCode``), compiling each
/// distinct code once with the host's engine.
public final class StateContractResolver: ContractResolver {
    /// The engine modules are compiled with (the host's).
    public let engine: Engine
    /// Compiled modules by the SHA-256 of their code. Looked up, never iterated.
    private var cache: [[UInt8]: Module] = [:]

    /// Creates a resolver compiling with `engine`.
    public init(engine: Engine) {
        self.engine = engine
    }

    public func module(at address: ContractAddress, in state: any KeyValueReader) throws -> Module? {
        guard let code = try ContractCode.code(at: address, in: state) else { return nil }
        return try compiled(code)
    }

    /// `code` compiled by the engine, from the cache when seen before.
    public func compiled(_ code: [UInt8]) throws(CompileError) -> Module {
        let digest = SHA256.hash(code)
        if let module = cache[digest] { return module }
        let module = try Module(engine: engine, bytes: code)
        cache[digest] = module
        return module
    }
}
