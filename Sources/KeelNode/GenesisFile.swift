import Foundation
import KeelState

/// The JSON shape of a genesis file (docs/node.md, "Genesis"). Arrays, not objects, wherever
/// order matters, so no dictionary order reaches the chain.
struct GenesisFile: Decodable {
    struct Parameters: Decodable {
        var engineProfile: String
        var allowFloats: Bool
        var costSchedule: UInt32
        var abiLimits: UInt32
        var hostFuelSchedule: UInt32
        var intrinsicFuel: UInt32
        var fuelPerBlock: UInt64
    }
    struct DevelopmentAccounts: Decodable {
        var count: Int
        var balance: UInt64
    }
    struct Account: Decodable {
        var address: String
        var balance: UInt64
    }
    struct Contract: Decodable {
        var name: String
        var code: String
        var deployer: String
        var initInput: String
    }

    var format: Int
    var chainId: UInt64
    var startTime: UInt64
    var parameters: Parameters
    var developmentAccounts: DevelopmentAccounts
    var accounts: [Account]
    var contracts: [Contract]

    /// A decoding error as one sentence naming the field.
    static func explain(_ error: any Error) -> String {
        func path(_ context: Swift.DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error as? Swift.DecodingError {
        case .keyNotFound(let key, let context)?: return "missing field \(path(context)).\(key.stringValue)"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .dataCorrupted(let context)?:
            return "field \(path(context)): \(context.debugDescription)"
        default: return "\(error)"
        }
    }

    func genesis(codeBase: URL) throws(Genesis.LoadError) -> Genesis {
        func fail(_ message: String) -> Genesis.LoadError { Genesis.LoadError(message: message) }
        guard format == 1 else { throw fail("format \(format) is not supported (this build reads format 1)") }
        guard parameters.engineProfile == ConsensusParameters.engineProfile else {
            throw fail("parameters.engineProfile \"\(parameters.engineProfile)\" is not supported (only \"contract\")")
        }
        let consensus: ConsensusParameters
        do {
            consensus = try ConsensusParameters(
                chainId: chainId, allowFloats: parameters.allowFloats, costScheduleVersion: parameters.costSchedule,
                abiLimitsVersion: parameters.abiLimits, hostFuelVersion: parameters.hostFuelSchedule,
                intrinsicFuelVersion: parameters.intrinsicFuel, fuelPerBlock: parameters.fuelPerBlock
            ).validated()
        } catch {
            throw fail("parameters: \(error)")
        }
        guard (0...1000).contains(developmentAccounts.count) else {
            throw fail("developmentAccounts.count \(developmentAccounts.count) must be within 0...1000")
        }
        let keys = (0..<developmentAccounts.count).map { KeyPair.development(UInt32($0)) }
        var allocations = keys.map { Genesis.Allocation(address: $0.address, balance: developmentAccounts.balance) }
        for (k, account) in accounts.enumerated() {
            guard let bytes = Hex.decode(account.address), let address = try? ContractAddress(bytes) else {
                throw fail("accounts[\(k)].address is not 64 hex digits: \(account.address)")
            }
            allocations.append(Genesis.Allocation(address: address, balance: account.balance))
        }
        var resolved: [Genesis.Contract] = []
        for (k, contract) in contracts.enumerated() {
            resolved.append(try resolve(contract, index: k, keys: keys, codeBase: codeBase))
        }
        return Genesis(
            parameters: consensus, startTime: startTime, developmentKeyCount: keys.count, allocations: allocations,
            contracts: resolved)
    }

    /// A contract entry with its code read and its deployer resolved (`devN` or 64 hex digits).
    private func resolve(_ contract: Contract, index k: Int, keys: [KeyPair], codeBase: URL) throws(Genesis.LoadError) -> Genesis.Contract {
        func fail(_ message: String) -> Genesis.LoadError { Genesis.LoadError(message: "contracts[\(k)] (\(contract.name)): \(message)") }
        let deployer: ContractAddress
        if contract.deployer.hasPrefix("dev"), let index = Int(contract.deployer.dropFirst(3)) {
            guard index >= 0, index < keys.count else {
                throw fail("deployer \(contract.deployer) is not a development account (the genesis funds \(keys.count))")
            }
            deployer = keys[index].address
        } else if let bytes = Hex.decode(contract.deployer), let address = try? ContractAddress(bytes) {
            deployer = address
        } else {
            throw fail("deployer must be devN or 64 hex digits, not \(contract.deployer)")
        }
        guard let initInput = Hex.decode(contract.initInput) else { throw fail("initInput is not hex: \(contract.initInput)") }
        let url = codeBase.appendingPathComponent(contract.code)
        guard let code = try? Data(contentsOf: url) else { throw fail("cannot read code file \(url.path)") }
        return Genesis.Contract(name: contract.name, code: [UInt8](code), deployer: deployer, initInput: initInput)
    }
}
