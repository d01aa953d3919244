import Keel
import KeelState

/// Finds the code of the contract at an address: the embedder's side of cross-contract
/// calls. Modules must be compiled by the host's engine.
public protocol ContractResolver: AnyObject {
    /// The compiled module of the contract at `address` as `state` sees it, or nil when no
    /// contract is deployed there. Throw when code exists but cannot be used; the call
    /// then fails with the error's description.
    func module(at address: ContractAddress, in state: any KeyValueReader) throws -> Module?
}

/// A resolver over a fixed set of compiled modules, for tests and tools.
public final class InMemoryContractResolver: ContractResolver {
    /// Looked up by address, never iterated.
    private var modules: [ContractAddress: Module] = [:]

    /// Creates an empty resolver.
    public init() {}

    /// Makes `module` the code of `address`.
    public func register(_ module: Module, at address: ContractAddress) {
        modules[address] = module
    }

    public func module(at address: ContractAddress, in state: any KeyValueReader) throws -> Module? {
        modules[address]
    }
}
