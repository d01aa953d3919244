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

/// Resolves contracts from the code stored in the state (``ContractCode``), compiling the
/// code at each address once with the host's engine.
public final class StateContractResolver: ContractResolver {
    /// The engine modules are compiled with (the host's).
    public let engine: Engine
    /// The last code compiled for each address, with its module. Looked up, never iterated;
    /// the stored code is compared byte for byte (cheaper than hashing it), so a state in
    /// which the address holds other code still gets its own module.
    private var cache: [ContractAddress: (code: [UInt8], module: Module)] = [:]

    /// Creates a resolver compiling with `engine`.
    public init(engine: Engine) {
        self.engine = engine
    }

    public func module(at address: ContractAddress, in state: any KeyValueReader) throws -> Module? {
        guard let code = try ContractCode.code(at: address, in: state) else { return nil }
        return try compiled(code, at: address)
    }

    /// `code` (deployed or about to be deployed at `address`) compiled by the engine, from
    /// the cache when that is the address's cached code.
    public func compiled(_ code: [UInt8], at address: ContractAddress) throws(CompileError) -> Module {
        if let cached = cache[address], cached.code == code { return cached.module }
        let module = try Module(engine: engine, bytes: code)
        cache[address] = (code, module)
        return module
    }
}
