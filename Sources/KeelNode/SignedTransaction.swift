import KeelCrypto
import KeelState

/// A transaction with its recoverable secp256k1 signature: what blocks carry and the
/// network moves. Its ``hash`` names it everywhere.
public struct SignedTransaction: Sendable, Hashable {
    /// The signed transaction.
    public var transaction: Transaction
    /// `r ‖ s`, 32 bytes each, big-endian, low-S.
    public var signature: [UInt8]
    /// The recovery id, 0...3.
    public var recoveryId: UInt8

    /// Creates a signed transaction from its parts (not checked: see ``sender()``).
    public init(transaction: Transaction, signature: [UInt8], recoveryId: UInt8) {
        self.transaction = transaction
        self.signature = signature
        self.recoveryId = recoveryId
    }

    /// The canonical signed encoding: the transaction's encoding ‖ signature[64] ‖ recovery id u8.
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        transaction.encode(into: &writer)
        writer.fixed(signature)
        writer.u8(recoveryId)
        return writer.bytes
    }

    /// The transaction hash: SHA-256 of the signed encoding.
    public var hash: [UInt8] { SHA256.hash(encoded) }

    /// Decodes the canonical signed encoding; anything else (truncation, trailing bytes,
    /// unknown tags, oversize fields, invalid UTF-8, a recovery id above 3) is rejected.
    public static func decode(_ bytes: [UInt8], limits: TransactionLimits = .v1) throws(FormatError) -> SignedTransaction {
        guard bytes.count <= limits.encodedSize else {
            throw FormatError(field: "transaction", offset: 0, reason: .tooLarge(length: bytes.count, limit: limits.encodedSize))
        }
        var reader = ByteReader(bytes)
        let transaction = try Transaction.decode(from: &reader, limits: limits)
        let signature = try reader.fixed(Secp256k1.signatureByteCount, "signature")
        let idOffset = reader.offset
        let recoveryId = try reader.u8("signature.recoveryId")
        guard recoveryId <= 3 else { throw reader.error("signature.recoveryId", .invalidRecoveryId(recoveryId), at: idOffset) }
        try reader.finish("transaction")
        return SignedTransaction(transaction: transaction, signature: signature, recoveryId: recoveryId)
    }

    /// The sender: the address of the public key recovered from the signature over the
    /// transaction's signing hash.
    ///
    /// - Throws: ``CryptoError`` when no key can be recovered (scalars out of range,
    ///   high-S, or no point for the recovery id).
    public func sender() throws(CryptoError) -> ContractAddress {
        let key = try Secp256k1.recover(
            message32: transaction.signingHash, signature64: signature, recoveryId: Int(recoveryId), compressed: true)
        return Account.address(publicKey: key)
    }
}

/// A decoded transaction whose sender has been recovered: what admission produces and the
/// executor runs.
public struct VerifiedTransaction: Sendable, Hashable {
    /// The signed transaction.
    public let signed: SignedTransaction
    /// Its signed encoding.
    public let encoded: [UInt8]
    /// Its hash.
    public let hash: [UInt8]
    /// The recovered sender.
    public let sender: ContractAddress

    /// Decodes `bytes` and recovers the sender.
    ///
    /// - Throws: ``AdmissionError/encoding(_:)`` or ``AdmissionError/signature(_:)``.
    public init(_ bytes: [UInt8], limits: TransactionLimits = .v1) throws(AdmissionError) {
        let signed: SignedTransaction
        do throws(FormatError) {
            signed = try SignedTransaction.decode(bytes, limits: limits)
        } catch {
            throw .encoding(error)
        }
        do throws(CryptoError) {
            sender = try signed.sender()
        } catch {
            throw .signature(error.description)
        }
        self.signed = signed
        self.encoded = bytes
        self.hash = SHA256.hash(bytes)
    }

    /// The transaction.
    public var transaction: Transaction { signed.transaction }
}
