import Foundation
import KeelCrypto
import KeelNode
import KeelState
import Testing

/// One worked vector of fixtures/node/transactions.json.
struct TransactionVector: Codable, Equatable {
    var name: String
    var privateKey: String
    var sender: String
    var chainId: UInt64
    var nonce: UInt64
    var fuelLimit: UInt64
    var fuelPrice: UInt64
    var payload: [String: String]
    var encoding: String
    var signingHash: String
    var signature: String
    var recoveryId: UInt8
    var signedEncoding: String
    var hash: String
}

let vectorsURL = repositoryRoot.appendingPathComponent("fixtures/node/transactions.json")

/// The transactions the vectors describe (regenerate with KEEL_WRITE_VECTORS=1).
func vectorTransactions() -> [(String, KeyPair, Transaction)] {
    let recipient = try! ContractAddress([UInt8](repeating: 0xAB, count: 32))
    return [
        ("transfer", dev0, Transaction(chainId: 1337, nonce: 0, fuelLimit: 10_000, fuelPrice: 1, payload: .transfer(to: dev1.address, amount: 1000))),
        ("deploy", dev1, Transaction(
            chainId: 1337, nonce: 3, fuelLimit: 2_000_000, fuelPrice: 5,
            payload: .deploy(code: [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00], initInput: [0x2A], value: 0))),
        ("call", dev2, Transaction(
            chainId: 1337, nonce: 0x0102030405060708, fuelLimit: 500_000, fuelPrice: 0,
            payload: .call(contract: recipient, method: "transfer", input: [UInt8](repeating: 0x11, count: 40), value: 7))),
    ]
}

func payloadFields(_ payload: Payload) -> [String: String] {
    switch payload {
    case .transfer(let to, let amount): ["type": "transfer", "to": to.description, "amount": "\(amount)"]
    case .deploy(let code, let initInput, let value): ["type": "deploy", "code": Hex.encode(code), "initInput": Hex.encode(initInput), "value": "\(value)"]
    case .call(let contract, let method, let input, let value):
        ["type": "call", "contract": contract.description, "method": method, "input": Hex.encode(input), "value": "\(value)"]
    }
}

func payload(from fields: [String: String]) throws -> Payload {
    func hex(_ key: String) throws -> [UInt8] { try #require(Hex.decode(fields[key] ?? "?")) }
    func number(_ key: String) throws -> UInt64 { try #require(UInt64(fields[key] ?? "?")) }
    switch fields["type"] {
    case "transfer": return .transfer(to: try ContractAddress(try hex("to")), amount: try number("amount"))
    case "deploy": return .deploy(code: try hex("code"), initInput: try hex("initInput"), value: try number("value"))
    default: return .call(contract: try ContractAddress(try hex("contract")), method: try #require(fields["method"]), input: try hex("input"), value: try number("value"))
    }
}

@Suite struct TransactionEncodingTests {
    /// The vectors file holds exactly the vectors this implementation produces (rewrite it
    /// with KEEL_WRITE_VECTORS=1 after a deliberate format change).
    @Test func vectorsFileIsCurrent() throws {
        let vectors = try vectorTransactions().map { name, key, transaction in
            let signed = try transaction.signed(with: key)
            return TransactionVector(
                name: name, privateKey: Hex.encode(key.privateKey), sender: key.address.description, chainId: transaction.chainId,
                nonce: transaction.nonce, fuelLimit: transaction.fuelLimit, fuelPrice: transaction.fuelPrice,
                payload: payloadFields(transaction.payload), encoding: Hex.encode(transaction.encoded),
                signingHash: Hex.encode(transaction.signingHash), signature: Hex.encode(signed.signature), recoveryId: signed.recoveryId,
                signedEncoding: Hex.encode(signed.encoded), hash: Hex.encode(signed.hash))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(vectors)
        if ProcessInfo.processInfo.environment["KEEL_WRITE_VECTORS"] == "1" {
            try data.write(to: vectorsURL)
        }
        let stored = try JSONDecoder().decode([TransactionVector].self, from: Data(contentsOf: vectorsURL))
        #expect(stored == vectors, "fixtures/node/transactions.json is stale: run with KEEL_WRITE_VECTORS=1")
    }

    /// Each vector decodes to its fields, re-encodes to the same bytes, recovers its sender,
    /// and signing its fields with its key gives its signature (RFC 6979 is deterministic).
    @Test func vectorsRoundTrip() throws {
        let vectors = try JSONDecoder().decode([TransactionVector].self, from: Data(contentsOf: vectorsURL))
        #expect(vectors.count == 3)
        for vector in vectors {
            let signedBytes = try #require(Hex.decode(vector.signedEncoding))
            let decoded = try SignedTransaction.decode(signedBytes)
            let expected = Transaction(
                chainId: vector.chainId, nonce: vector.nonce, fuelLimit: vector.fuelLimit, fuelPrice: vector.fuelPrice,
                payload: try payload(from: vector.payload))
            #expect(decoded.transaction == expected, "\(vector.name)")
            #expect(Hex.encode(expected.encoded) == vector.encoding, "\(vector.name)")
            #expect(Hex.encode(expected.signingHash) == vector.signingHash)
            #expect(Hex.encode(SHA256.hash(try #require(Hex.decode(vector.encoding)))) == vector.signingHash)
            #expect(decoded.encoded == signedBytes)
            #expect(Hex.encode(decoded.hash) == vector.hash)
            #expect(try decoded.sender().description == vector.sender)
            let key = try KeyPair(privateKey: try #require(Hex.decode(vector.privateKey)))
            #expect(key.address.description == vector.sender)
            let resigned = try expected.signed(with: key)
            #expect(Hex.encode(resigned.signature) == vector.signature && resigned.recoveryId == vector.recoveryId)
            #expect(Hex.encode(resigned.encoded) == vector.signedEncoding)
        }
    }

    /// Development keys are the documented derivation of the published seed.
    @Test func developmentKeysFollowTheSeed() throws {
        let expected = SHA256.hash(Array("keel dev seed".utf8) + [1, 0, 0, 0])
        #expect(dev1.privateKey == expected)
        #expect(dev1.address == Account.address(publicKey: try Secp256k1.publicKey(privateKey: expected, compressed: true)))
        #expect(dev0.address != dev1.address)
        #expect(Account.contractAddress(deployer: dev0.address, nonce: 0) != Account.contractAddress(deployer: dev0.address, nonce: 1))
    }

    private func decodingError(_ bytes: [UInt8]) -> FormatError? {
        do {
            _ = try SignedTransaction.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// Every non-canonical byte string is rejected with the field and offset at fault.
    @Test func malformedEncodingsAreRejectedWithReasons() throws {
        let transfer = try SignedTransaction.decode(try signed(.transfer(to: dev1.address, amount: 5), by: dev0)).encoded
        #expect(decodingError(transfer + [0]) == FormatError(field: "transaction", offset: transfer.count, reason: .trailingBytes(count: 1)))
        #expect(decodingError(Array(transfer.dropLast())) == FormatError(field: "signature.recoveryId", offset: transfer.count - 1, reason: .truncated(needed: 1)))
        #expect(decodingError(Array(transfer.prefix(5))) == FormatError(field: "chainId", offset: 1, reason: .truncated(needed: 4)))
        #expect(decodingError([]) == FormatError(field: "format", offset: 0, reason: .truncated(needed: 1)))
        var badFormat = transfer
        badFormat[0] = 2
        #expect(decodingError(badFormat) == FormatError(field: "format", offset: 0, reason: .unknownTag(2)))
        var badTag = transfer
        badTag[33] = 9
        #expect(decodingError(badTag) == FormatError(field: "payload.tag", offset: 33, reason: .unknownTag(9)))
        var badId = transfer
        badId[transfer.count - 1] = 4
        #expect(decodingError(badId) == FormatError(field: "signature.recoveryId", offset: transfer.count - 1, reason: .invalidRecoveryId(4)))

        let call = try signed(.call(contract: dev1.address, method: "ab", input: [1], value: 0), by: dev0)
        // Method length at 34 + 32 + 8 = 74; its bytes at 78.
        var badUTF8 = call
        badUTF8[78] = 0xFF
        #expect(decodingError(badUTF8) == FormatError(field: "payload.method", offset: 74, reason: .invalidUTF8))
        let empty = try signed(.call(contract: dev1.address, method: "", input: [], value: 0), by: dev0)
        #expect(decodingError(empty) == FormatError(field: "payload.method", offset: 74, reason: .empty))
        let huge = try signed(.call(contract: dev1.address, method: "m", input: [UInt8](repeating: 0, count: 65537), value: 0), by: dev0)
        #expect(decodingError(huge) == FormatError(field: "payload.input", offset: 79, reason: .tooLarge(length: 65537, limit: 65536)))
        #expect(decodingError(huge)?.description == "payload.input at byte 79: length 65537 exceeds the limit 65536")
    }
}
