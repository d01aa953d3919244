import Foundation
import KeelState

/// A chain's starting point (docs/node.md, "Genesis"): parameters, start time, funded
/// accounts and contracts deployed before the first block.
public struct Genesis: Sendable, Hashable {
    /// An account funded at genesis.
    public struct Allocation: Sendable, Hashable {
        /// The account.
        public var address: ContractAddress
        /// Its starting native balance.
        public var balance: UInt64
        /// Creates an allocation.
        public init(address: ContractAddress, balance: UInt64) {
            self.address = address
            self.balance = balance
        }
    }

    /// A contract deployed at genesis, as if by a fee-less deploy transaction from `deployer`
    /// at its current nonce (so its address is ``Account/contractAddress(deployer:nonce:)``).
    public struct Contract: Sendable, Hashable {
        /// A name for tools (`token`, `registry`...).
        public var name: String
        /// The module's bytes.
        public var code: [UInt8]
        /// Who deploys it.
        public var deployer: ContractAddress
        /// The `init` input.
        public var initInput: [UInt8]
        /// Creates a genesis contract.
        public init(name: String, code: [UInt8], deployer: ContractAddress, initInput: [UInt8]) {
            self.name = name
            self.code = code
            self.deployer = deployer
            self.initInput = initInput
        }
    }

    /// The consensus parameters (the chain id among them).
    public var parameters: ConsensusParameters
    /// The genesis block's timestamp.
    public var startTime: UInt64
    /// How many development keys (``KeyPair/development(_:)``, dev0, dev1...) the chain funds.
    public var developmentKeyCount: Int
    /// Funded accounts, development accounts first, in order.
    public var allocations: [Allocation]
    /// Contracts deployed at genesis, in order.
    public var contracts: [Contract]

    /// Creates a genesis.
    public init(parameters: ConsensusParameters, startTime: UInt64, developmentKeyCount: Int = 0, allocations: [Allocation], contracts: [Contract]) {
        self.parameters = parameters
        self.startTime = startTime
        self.developmentKeyCount = developmentKeyCount
        self.allocations = allocations
        self.contracts = contracts
    }

    /// The development keys the genesis funds: **not secret**, derived from the published seed.
    public var developmentKeys: [KeyPair] {
        (0..<developmentKeyCount).map { KeyPair.development(UInt32($0)) }
    }

    /// The address each genesis contract is deployed at, in order.
    public var contractAddresses: [ContractAddress] {
        var nonces: [ContractAddress: UInt64] = [:]  // looked up, never iterated
        return contracts.map { contract in
            let nonce = nonces[contract.deployer, default: 0]
            nonces[contract.deployer] = nonce + 1
            return Account.contractAddress(deployer: contract.deployer, nonce: nonce)
        }
    }

    /// Why a genesis file cannot be used.
    public struct LoadError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong, naming the field or file.
        public var message: String
        /// Creates an error.
        public init(message: String) { self.message = message }
        public var description: String { message }
    }

    /// Loads a genesis file (the format of `genesis/dev.json`, docs/node.md). Contract code
    /// paths are relative to `repository` (by default the directory above the file's own,
    /// the repository root for `genesis/dev.json`).
    public static func load(path: String, repository: String? = nil) throws(LoadError) -> Genesis {
        let url = URL(fileURLWithPath: path)
        let base = repository.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent().deletingLastPathComponent()
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw LoadError(message: "cannot read genesis file \(path): \(error.localizedDescription)") }
        let file: GenesisFile
        do { file = try JSONDecoder().decode(GenesisFile.self, from: data) } catch {
            throw LoadError(message: "genesis file \(path) is malformed: \(GenesisFile.explain(error))")
        }
        return try file.genesis(codeBase: base)
    }
}
