import KeelNode
import KeelState

/// Resolves what the chain commands accept wherever a key or address is expected: a key
/// name from the data directory (`dev0`), a genesis contract name (`token`), or 64 hex
/// digits (optionally `0x`-prefixed), in that order of checking after the hex form.
struct AddressBook {
    let keys: KeyStore
    /// The genesis contracts' names and addresses, in genesis order.
    let contracts: [(name: String, address: ContractAddress)]
    /// The stored keys' names and addresses, sorted by name (unreadable key files left out).
    let named: [(name: String, address: ContractAddress)]

    init(directory: DataDirectory, chain: Chain) throws(CommandFailure) {
        keys = directory.keys
        let genesis: Genesis
        do { genesis = try chain.genesis() } catch { throw directory.describe(error) }
        contracts = zip(genesis.contracts, genesis.contractAddresses).map { ($0.name, $1) }
        let store = keys
        named = store.names().compactMap { name in (try? store.load(name))?.map { (name, $0.key.address) } }
    }

    /// The address `text` names; `what` names the argument in errors (usage errors).
    func address(_ text: String, what: String) throws(CommandFailure) -> ContractAddress {
        if let bytes = HexBytes.parse(text), let address = try? ContractAddress(bytes) { return address }
        if let (key, _) = try keys.load(text) { return key.address }
        if let contract = contracts.first(where: { $0.name == text }) { return contract.address }
        throw .usage("\(what) \"\(text)\" is not a key name, a genesis contract name or 64 hex digits (keys: \(keyList); contracts: \(contractList))")
    }

    /// The key called `name` (for signing); `what` names the argument in errors.
    func key(_ name: String, what: String) throws(CommandFailure) -> KeyPair {
        if let (key, _) = try keys.load(name) { return key }
        throw .usage("\(what): unknown key name \"\(name)\" (keys in \(keys.directory): \(keyList); create one with `keel keys new NAME`)")
    }

    /// The key or contract name of `address`, if it has one (for display).
    func name(of address: ContractAddress) -> String? {
        if let contract = contracts.first(where: { $0.address == address }) { return contract.name }
        return named.first { $0.address == address }?.name
    }

    /// `address`, followed by its name in parentheses when it has one.
    func display(_ address: ContractAddress) -> String {
        name(of: address).map { "\(address) (\($0))" } ?? address.description
    }

    /// `address`'s name when it has one, else the address.
    func short(_ address: ContractAddress) -> String { name(of: address) ?? address.description }

    private var keyList: String { named.isEmpty ? "none" : named.map(\.name).joined(separator: ", ") }
    private var contractList: String { contracts.isEmpty ? "none" : contracts.map(\.name).joined(separator: ", ") }
}
