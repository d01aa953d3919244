import KeelCrypto
import KeelState

/// What a transaction does.
public enum Payload: Sendable, Hashable {
    /// Moves `amount` native tokens from the sender to `to`.
    case transfer(to: ContractAddress, amount: UInt64)
    /// Deploys `code` at ``Account/contractAddress(deployer:nonce:)`` of the sender and the
    /// transaction's nonce, moving `value` to it before its `init` runs with `initInput`.
    case deploy(code: [UInt8], initInput: [UInt8], value: UInt64)
    /// Moves `value` to `contract`, then calls its `method` with `input`.
    case call(contract: ContractAddress, method: String, input: [UInt8], value: UInt64)

    /// The native amount the sender parts with besides fees.
    public var value: UInt64 {
        switch self {
        case .transfer(_, let amount): amount
        case .deploy(_, _, let value), .call(_, _, _, let value): value
        }
    }
}

/// An unsigned transaction (docs/node.md, "Transactions"). The sender is not a field: it is
/// recovered from the signature of a ``SignedTransaction``.
public struct Transaction: Sendable, Hashable {
    /// The format byte that starts every version-1 transaction encoding.
    public static let formatVersion: UInt8 = 0x01

    /// The chain it is valid on.
    public var chainId: UInt64
    /// The sender's nonce it must be executed at.
    public var nonce: UInt64
    /// The most fuel it may use, intrinsic fuel included.
    public var fuelLimit: UInt64
    /// Native tokens per unit of fuel.
    public var fuelPrice: UInt64
    /// What it does.
    public var payload: Payload

    /// Creates a transaction.
    public init(chainId: UInt64, nonce: UInt64, fuelLimit: UInt64, fuelPrice: UInt64, payload: Payload) {
        self.chainId = chainId
        self.nonce = nonce
        self.fuelLimit = fuelLimit
        self.fuelPrice = fuelPrice
        self.payload = payload
    }

    /// The canonical encoding signed over.
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        encode(into: &writer)
        return writer.bytes
    }

    /// The 32-byte hash a signature signs: SHA-256 of ``encoded``.
    public var signingHash: [UInt8] { SHA256.hash(encoded) }

    func encode(into writer: inout ByteWriter) {
        writer.u8(Self.formatVersion)
        writer.u64(chainId)
        writer.u64(nonce)
        writer.u64(fuelLimit)
        writer.u64(fuelPrice)
        switch payload {
        case .transfer(let to, let amount):
            writer.u8(PayloadTag.transfer.rawValue)
            writer.address(to)
            writer.u64(amount)
        case .deploy(let code, let initInput, let value):
            writer.u8(PayloadTag.deploy.rawValue)
            writer.u64(value)
            writer.data(code)
            writer.data(initInput)
        case .call(let contract, let method, let input, let value):
            writer.u8(PayloadTag.call.rawValue)
            writer.address(contract)
            writer.u64(value)
            writer.text(method)
            writer.data(input)
        }
    }

    static func decode(from reader: inout ByteReader, limits: TransactionLimits) throws(FormatError) -> Transaction {
        let formatOffset = reader.offset
        let format = try reader.u8("format")
        guard format == formatVersion else { throw reader.error("format", .unknownTag(format), at: formatOffset) }
        let chainId = try reader.u64("chainId")
        let nonce = try reader.u64("nonce")
        let fuelLimit = try reader.u64("fuelLimit")
        let fuelPrice = try reader.u64("fuelPrice")
        let tagOffset = reader.offset
        let tagByte = try reader.u8("payload.tag")
        let payload: Payload
        switch PayloadTag(rawValue: tagByte) {
        case .transfer:
            payload = .transfer(to: try reader.address("payload.to"), amount: try reader.u64("payload.amount"))
        case .deploy:
            let value = try reader.u64("payload.value")
            let code = try reader.data("payload.code", limit: limits.codeSize)
            payload = .deploy(code: code, initInput: try reader.data("payload.initInput", limit: limits.inputSize), value: value)
        case .call:
            let contract = try reader.address("payload.contract")
            let value = try reader.u64("payload.value")
            let method = try reader.text("payload.method", limit: limits.methodNameSize, allowEmpty: false)
            payload = .call(contract: contract, method: method, input: try reader.data("payload.input", limit: limits.inputSize), value: value)
        case nil:
            throw reader.error("payload.tag", .unknownTag(tagByte), at: tagOffset)
        }
        return Transaction(chainId: chainId, nonce: nonce, fuelLimit: fuelLimit, fuelPrice: fuelPrice, payload: payload)
    }

    /// Signs the transaction with `key`.
    ///
    /// - Throws: ``CryptoError`` only if libsecp256k1 refuses (practically never for a
    ///   valid ``KeyPair``).
    public func signed(with key: KeyPair) throws(CryptoError) -> SignedTransaction {
        let (signature, recoveryId) = try key.signRecoverable(signingHash)
        return SignedTransaction(transaction: self, signature: signature, recoveryId: UInt8(recoveryId))
    }
}

/// The payload tag bytes.
enum PayloadTag: UInt8 {
    case transfer = 0x01
    case deploy = 0x02
    case call = 0x03
}

/// Size limits a transaction encoding must respect to decode (consensus; docs/node.md).
public struct TransactionLimits: Sendable, Hashable {
    /// Largest signed encoding, in bytes.
    public var encodedSize: Int
    /// Largest deployed module, in bytes.
    public var codeSize: Int
    /// Largest init input or call input, in bytes (the ABI's data size).
    public var inputSize: Int
    /// Longest method name, in bytes (the ABI's method name size).
    public var methodNameSize: Int

    /// Creates limits.
    public init(encodedSize: Int, codeSize: Int, inputSize: Int, methodNameSize: Int) {
        self.encodedSize = encodedSize
        self.codeSize = codeSize
        self.inputSize = inputSize
        self.methodNameSize = methodNameSize
    }

    /// Version 1: 4 MiB encodings, 3 MiB modules (the contract profile's module size), ABI v1 sizes.
    public static let v1 = TransactionLimits(encodedSize: 4 << 20, codeSize: 3 << 20, inputSize: 65536, methodNameSize: 256)
}
