import Keel
import KeelState

/// Runs contract calls and deploys under ABI version 1 (docs/abi.md): the host functions
/// of module `keel_v1` over a state, a resolver for cross-contract calls and a block.
///
/// Each ``execute(contract:method:input:sender:fuel:state:block:)`` or
/// ``deploy(code:at:sender:input:fuel:state:block:)`` runs in its own store and overlay and
/// leaves `state` untouched: the outcome's write set is for the embedder to commit. A host
/// is not thread-safe; use one per thread.
public final class ContractHost {
    /// The engine contracts are compiled and run with (normally `EngineConfiguration.contract`).
    public let engine: Engine
    /// Where called contracts' code comes from.
    public let resolver: any ContractResolver
    /// Size and count limits.
    public let limits: ABILimits
    /// Host function prices.
    public let fuelSchedule: HostFuelSchedule

    /// The host functions, defined once and shared by every execution.
    private(set) lazy var linker: Linker = Execution.makeLinker(host: self)
    /// Executions in progress, innermost last; host functions find theirs by store.
    private var activeExecutions: [Execution] = []

    /// The execution in progress whose store is `store`.
    func execution(of store: Store) -> Execution? {
        activeExecutions.last { $0.store === store }
    }

    /// Runs `body` with `execution` registered as in progress.
    private func running<T>(_ execution: Execution, _ body: () throws -> T) rethrows -> T {
        activeExecutions.append(execution)
        defer { activeExecutions.removeLast() }
        return try body()
    }

    /// The name of the import module of ABI version 1.
    public static let importModule = "keel_v1"

    /// Creates a host. Without fuel metering in `engine`, fuel limits are not enforced.
    public init(engine: Engine, resolver: any ContractResolver, limits: ABILimits = .v1, fuelSchedule: HostFuelSchedule = .v1) {
        self.engine = engine
        self.resolver = resolver
        self.limits = limits
        self.fuelSchedule = fuelSchedule
    }

    /// Calls `method` of the contract at `contract` on behalf of `sender`, with `input` and
    /// at most `fuel`, reading `state` as of now.
    ///
    /// - Throws: only failures of the state itself (``StateError``); everything a contract
    ///   does wrong is a status in the outcome.
    public func execute(
        contract: ContractAddress, method: String, input: [UInt8], sender: ContractAddress,
        fuel: UInt64, state: any KeyValueReader, block: BlockContext
    ) throws -> ExecutionOutcome {
        let execution = Execution(host: self, overlay: StateOverlay(base: state), block: block, fuel: fuel)
        return try running(execution) { try run(contract: contract, method: method, input: input, sender: sender, in: execution) }
    }

    private func run(contract: ContractAddress, method: String, input: [UInt8], sender: ContractAddress, in execution: Execution) throws -> ExecutionOutcome {
        let result: Execution.CallResult
        do {
            if let module = try resolver.module(at: contract, in: execution.overlay) {
                result = execution.call(module, contract: contract, method: method, input: input, caller: sender)
            } else {
                result = .init(status: .trapped("no contract at \(contract)"), trap: .host, returnData: [])
            }
        } catch let error as StateError {
            throw error
        } catch {
            result = .init(status: .trapped("contract at \(contract) cannot run: \(error)"), trap: .host, returnData: [])
        }
        return try outcome(of: execution, result)
    }

    /// Why a deploy was refused before anything ran.
    public enum DeployError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The code does not compile under the host's engine (profile, limits, validation).
        case compile(CompileError)
        /// A contract already lives at the address.
        case alreadyDeployed(ContractAddress)

        public var description: String {
            switch self {
            case .compile(let error): "contract does not compile: \(error)"
            case .alreadyDeployed(let address): "a contract is already deployed at \(address)"
            }
        }
    }

    /// Deploys `code` at `address` for `sender`: stores it (``ContractCode``: the address maps
    /// to the code's hash in namespace `0x02`, the code lives once under its hash in `0x04`;
    /// charged as `HostFuelSchedule.deploy` per byte) and runs its `init` export, if any, with
    /// `input`. When `init` fails, the outcome has the failure and an empty write set.
    ///
    /// - Throws: ``DeployError`` when the code does not compile or the address is taken;
    ///   ``StateError`` when the state fails.
    public func deploy(
        code: [UInt8], at address: ContractAddress, sender: ContractAddress, input: [UInt8],
        fuel: UInt64, state: any KeyValueReader, block: BlockContext
    ) throws -> ExecutionOutcome {
        let module: Module
        do throws(CompileError) {
            if let cache = resolver as? StateContractResolver {
                module = try cache.compiled(code)
            } else {
                module = try Module(engine: engine, bytes: code)
            }
        } catch {
            throw DeployError.compile(error)
        }
        if try ContractCode.codeHash(at: address, in: state) != nil { throw DeployError.alreadyDeployed(address) }
        let execution = Execution(host: self, overlay: StateOverlay(base: state), block: block, fuel: fuel)
        return try running(execution) { try run(deploy: code, module: module, at: address, sender: sender, input: input, in: execution) }
    }

    private func run(
        deploy code: [UInt8], module: Module, at address: ContractAddress, sender: ContractAddress, input: [UInt8], in execution: Execution
    ) throws -> ExecutionOutcome {
        do {
            try execution.store.consumeFuel(fuelSchedule.deploy.total(bytes: code.count))
        } catch {
            return try outcome(of: execution, .init(status: .trapped(error.message), trap: error.kind, returnData: []))
        }
        try ContractCode.store(code, at: address, in: execution.overlay)
        var result = Execution.CallResult(status: .success, returnData: [])
        if module.exports.contains(where: { $0.name == "init" }) {
            result = execution.call(module, contract: address, method: "init", input: input, caller: sender, isDeploy: true)
        }
        return try outcome(of: execution, result)
    }

    private func outcome(of execution: Execution, _ result: Execution.CallResult) throws -> ExecutionOutcome {
        if let fatal = execution.fatal { throw fatal }
        let success = result.status.isSuccess
        return ExecutionOutcome(
            status: result.status, trap: result.trap, returnData: result.returnData,
            events: success ? execution.events : [], logs: execution.logs,
            fuelConsumed: execution.fuelConsumed,
            writeSet: success ? execution.overlay.writeSet() : [])
    }
}
