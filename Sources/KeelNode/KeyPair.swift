import KeelCrypto
import KeelState

/// A secp256k1 key pair and the account address it controls (docs/node.md, "Accounts").
public struct KeyPair: Sendable, Hashable {
    /// The 32-byte private key (big-endian scalar, `0 < k < n`).
    public let privateKey: [UInt8]
    /// The 33-byte compressed public key.
    public let publicKey: [UInt8]
    /// The account address: ``Account/address(publicKey:)`` of the public key.
    public let address: ContractAddress

    /// The key pair of `privateKey`.
    ///
    /// - Throws: ``CryptoError`` when it is not 32 bytes or not a valid scalar.
    public init(privateKey: [UInt8]) throws(CryptoError) {
        self.privateKey = privateKey
        self.publicKey = try Secp256k1.publicKey(privateKey: privateKey, compressed: true)
        self.address = Account.address(publicKey: publicKey)
    }

    /// The published, **not secret** seed of the development keys.
    public static let developmentSeed = Array("keel dev seed".utf8)

    /// Development key `index`: private key SHA-256("keel dev seed" ‖ index u32 LE).
    ///
    /// These keys are public knowledge (anyone can derive them from this document): use them
    /// on local development chains only, never to hold anything of value.
    public static func development(_ index: UInt32) -> KeyPair {
        var writer = ByteWriter()
        writer.fixed(developmentSeed)
        writer.u32(index)
        // Sound: a SHA-256 digest is 0 or at least n with probability below 2^-127; every
        // index a chain uses is checked by the tests.
        return try! KeyPair(privateKey: SHA256.hash(writer.bytes))
    }

    /// Signs a 32-byte hash: the compact low-S signature and its recovery id.
    func signRecoverable(_ hash: [UInt8]) throws(CryptoError) -> (signature64: [UInt8], recoveryId: Int) {
        try Secp256k1.signRecoverable(message32: hash, privateKey: privateKey)
    }
}

/// Account addresses and derived contract addresses.
public enum Account {
    /// The address of a public key: SHA-256 of its 33-byte compressed form.
    public static func address(publicKey compressed: [UInt8]) -> ContractAddress {
        // Sound: a SHA-256 digest is 32 bytes.
        try! ContractAddress(SHA256.hash(compressed))
    }

    /// The address of the contract `deployer` deploys with its transaction of nonce `nonce`:
    /// SHA-256("keel contract" ‖ deployer[32] ‖ nonce u64 LE).
    public static func contractAddress(deployer: ContractAddress, nonce: UInt64) -> ContractAddress {
        var writer = ByteWriter()
        writer.fixed(Array("keel contract".utf8))
        writer.address(deployer)
        writer.u64(nonce)
        // Sound: a SHA-256 digest is 32 bytes.
        return try! ContractAddress(SHA256.hash(writer.bytes))
    }
}

/// Account nonces kept in the state: namespace tag `0x05` followed by the address, holding
/// the number of transactions the account has had executed, u64 LE (absent = 0).
public enum Nonces {
    /// The namespace tag of nonces in the global key space.
    public static let namespaceTag: UInt8 = 0x05

    /// The state key of `address`'s nonce.
    public static func key(for address: ContractAddress) -> [UInt8] {
        [namespaceTag] + address.bytes
    }

    /// `address`'s nonce in `state`: the nonce its next transaction must carry.
    ///
    /// - Throws: ``StateError`` from the store, or when the stored value is not 8 bytes.
    public static func nonce(of address: ContractAddress, in state: any KeyValueReader) throws(StateError) -> UInt64 {
        guard let bytes = try state.get(key(for: address)) else { return 0 }
        guard bytes.count == 8 else {
            throw .invalidValue("nonce of \(address) is \(bytes.count) bytes, expected 8")
        }
        return bytes.reversed().reduce(0) { ($0 << 8) | UInt64($1) }
    }

    /// Sets `address`'s nonce in `overlay`.
    public static func setNonce(_ nonce: UInt64, of address: ContractAddress, in overlay: StateOverlay) {
        var writer = ByteWriter()
        writer.u64(nonce)
        overlay.set(key(for: address), writer.bytes)
    }
}
