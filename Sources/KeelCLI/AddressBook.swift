import KeelNode
import KeelState

/// Resolves what the chain commands accept wherever a key or address is expected: 64 hex
/// digits (optionally `0x`-prefixed), a key name (one stored in the data directory's `keys/`,
/// or a development key `dev0`... of the chain's genesis, which resolves without a key file),
/// or a genesis contract name (`token`), in that order.
struct AddressBook {
    /// A key the book knows by name.
    struct NamedKey {
        var name: String
        var key: KeyPair
        /// Whether it is a development key (public: derived from the published seed).
        var development: Bool
    }

    let store: KeyStore
    /// The genesis contracts' names and addresses, in genesis order.
    let contracts: [(name: String, address: ContractAddress)]
    /// The genesis's development keys, `dev0` first.
    let developmentKeys: [KeyPair]
    /// The stored keys and the development keys, sorted by name (unreadable key files left out).
    let named: [NamedKey]

    init(directory: DataDirectory, chain: Chain) throws(CommandFailure) {
        store = directory.keys
        let genesis: Genesis
        do { genesis = try chain.genesis() } catch { throw directory.describe(error) }
        contracts = zip(genesis.contracts, genesis.contractAddresses).map { ($0.name, $1) }
        developmentKeys = genesis.developmentKeys
        let store = store
        let stored = store.names().compactMap { name in (try? store.load(name))?.map { NamedKey(name: name, key: $0.key, development: $0.entry.development) } }
        let derived = developmentKeys.enumerated().map { NamedKey(name: Self.developmentName($0), key: $1, development: true) }
            .filter { key in !stored.contains { $0.name == key.name } }
        named = (stored + derived).sorted { $0.name < $1.name }
    }

    /// The name of development key `index`: `dev0`, `dev1`...
    static func developmentName(_ index: Int) -> String { "dev\(index)" }

    /// The key called `name`: a stored key, else a development key of the genesis; nil when
    /// there is none.
    func lookup(_ name: String) throws(CommandFailure) -> NamedKey? {
        if let (key, entry) = try store.load(name) { return NamedKey(name: name, key: key, development: entry.development) }
        guard let index = developmentKeys.indices.first(where: { Self.developmentName($0) == name }) else { return nil }
        return NamedKey(name: name, key: developmentKeys[index], development: true)
    }

    /// The address `text` names; `what` names the argument in errors (usage errors).
    func address(_ text: String, what: String) throws(CommandFailure) -> ContractAddress {
        if let bytes = HexBytes.parse(text), let address = try? ContractAddress(bytes) { return address }
        if let named = try lookup(text) { return named.key.address }
        if let contract = contracts.first(where: { $0.name == text }) { return contract.address }
        throw .usage("\(what) \"\(text)\" is not a key name, a genesis contract name or 64 hex digits (keys: \(keyList); contracts: \(contractList))")
    }

    /// The key called `name` (for signing); `what` names the argument in errors.
    func key(_ name: String, what: String) throws(CommandFailure) -> KeyPair {
        if let named = try lookup(name) { return named.key }
        throw unknownKey(name, what: what)
    }

    /// The usage error for a key name the book does not know.
    func unknownKey(_ name: String, what: String) -> CommandFailure {
        .usage("\(what): unknown key name \"\(name)\" (keys: \(keyList); create one with `keel keys new NAME` or `keel keys import NAME --private-key HEX`)")
    }

    /// Refuses `name` for a new key: not a valid name, a genesis contract's name, or a
    /// development key's (usage errors). Whether a stored key has it is the store's to say.
    func checkNewName(_ name: String) throws(CommandFailure) {
        guard KeyStore.isValidName(name) else {
            throw .usage("\"\(name)\" is not a valid key name (1-64 letters, digits, '_', '-' or '.', starting with a letter or digit, not 64 hex digits)")
        }
        if contracts.contains(where: { $0.name == name }) {
            throw .usage("\"\(name)\" names a genesis contract; choose another key name")
        }
        if developmentKeys.indices.contains(where: { Self.developmentName($0) == name }) {
            throw .usage("\"\(name)\" is a development key of this chain's genesis (derived from the public seed); choose another key name")
        }
    }

    /// The key or contract name of `address`, if it has one (for display).
    func name(of address: ContractAddress) -> String? {
        if let contract = contracts.first(where: { $0.address == address }) { return contract.name }
        return named.first { $0.key.address == address }?.name
    }

    /// `address` (`0x` hex), followed by its name in parentheses when it has one.
    func display(_ address: ContractAddress) -> String {
        name(of: address).map { "\(address.hex) (\($0))" } ?? address.hex
    }

    /// `address`'s name when it has one, else the address (`0x` hex).
    func short(_ address: ContractAddress) -> String { name(of: address) ?? address.hex }

    private var keyList: String { named.isEmpty ? "none" : named.map(\.name).joined(separator: ", ") }
    private var contractList: String { contracts.isEmpty ? "none" : contracts.map(\.name).joined(separator: ", ") }
}
