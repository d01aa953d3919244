import Testing
import KeelCrypto

/// secp256k1 ECDSA: RFC 6979 known answers, sign/verify/recover round trips with fixed
/// keys, low-S policy and malformed input.
@Suite("secp256k1 ECDSA")
struct ECDSATests {
    static let one = hex("0000000000000000000000000000000000000000000000000000000000000001")
    static let orderMinusOne = hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364140")
    static let generatorCompressed = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
    static let generatorUncompressed = "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"

    static let fixedKeys: [[UInt8]] = [
        one,
        orderMinusOne,
        hex("B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF"),
        hex("4646464646464646464646464646464646464646464646464646464646464646"),
    ]

    @Test func publicKeyOfOneIsTheGenerator() throws {
        #expect(hexString(try Secp256k1.publicKey(privateKey: Self.one)) == Self.generatorCompressed)
        #expect(hexString(try Secp256k1.publicKey(privateKey: Self.one, compressed: false)) == Self.generatorUncompressed)
    }

    @Test func ethereumAddressOfKeyOne() throws {
        // Keccak-256 of the uncompressed key without its prefix, last 20 bytes.
        let key = try Secp256k1.publicKey(privateKey: Self.one, compressed: false)
        let address = Keccak256.hash(Array(key.dropFirst())).suffix(20)
        #expect(hexString(Array(address)) == "7e5f4552091a69125d5dfcb7b8c2659029395bdf")
    }

    @Test(arguments: [
        (one, "Satoshi Nakamoto",
         "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d82442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5"),
        (one, "All those moments will be lost in time, like tears in rain. Time to die...",
         "8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21"),
        (orderMinusOne, "Satoshi Nakamoto",
         "fd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d06b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5"),
    ])
    func rfc6979KnownAnswers(privateKey: [UInt8], message: String, signature: String) throws {
        let digest = SHA256.hash(Array(message.utf8))
        let produced = try Secp256k1.sign(message32: digest, privateKey: privateKey)
        #expect(hexString(produced) == signature)
        let publicKey = try Secp256k1.publicKey(privateKey: privateKey)
        #expect(try Secp256k1.verifyECDSA(message32: digest, signature64: produced, publicKey: publicKey))
    }

    @Test(arguments: fixedKeys)
    func signVerifyRecoverRoundTrip(privateKey: [UInt8]) throws {
        let compressed = try Secp256k1.publicKey(privateKey: privateKey)
        let uncompressed = try Secp256k1.publicKey(privateKey: privateKey, compressed: false)
        for text in ["", "keel", "a longer message to hash first"] {
            let digest = Keccak256.hash(Array(text.utf8))
            let signature = try Secp256k1.sign(message32: digest, privateKey: privateKey)
            #expect(try Secp256k1.verifyECDSA(message32: digest, signature64: signature, publicKey: compressed))
            #expect(try Secp256k1.verifyECDSA(message32: digest, signature64: signature, publicKey: uncompressed))
            // Deterministic (RFC 6979): signing twice gives the same bytes.
            #expect(try Secp256k1.sign(message32: digest, privateKey: privateKey) == signature)

            let (recoverable, recoveryId) = try Secp256k1.signRecoverable(message32: digest, privateKey: privateKey)
            #expect(recoverable == signature)
            #expect((0...1).contains(recoveryId))
            #expect(try Secp256k1.recover(message32: digest, signature64: recoverable, recoveryId: recoveryId) == uncompressed)
            #expect(try Secp256k1.recover(message32: digest, signature64: recoverable, recoveryId: recoveryId, compressed: true) == compressed)
            // The other parity recovers a different key (or none).
            let other = try? Secp256k1.recover(message32: digest, signature64: recoverable, recoveryId: recoveryId ^ 1)
            #expect(other != uncompressed)

            // Wrong message or wrong key fails.
            var otherDigest = digest
            otherDigest[0] ^= 0x80
            #expect(try !Secp256k1.verifyECDSA(message32: otherDigest, signature64: signature, publicKey: compressed))
            let stranger = try Secp256k1.publicKey(privateKey: hex("0000000000000000000000000000000000000000000000000000000000000002"))
            #expect(try !Secp256k1.verifyECDSA(message32: digest, signature64: signature, publicKey: stranger))
        }
    }

    @Test func recoveryIdOfPublishedVector() throws {
        let digest = SHA256.hash(Array("Satoshi Nakamoto".utf8))
        let (_, recoveryId) = try Secp256k1.signRecoverable(message32: digest, privateKey: Self.one)
        #expect(recoveryId == 1)
    }

    @Test func highSIsRejected() throws {
        let digest = SHA256.hash(Array("Satoshi Nakamoto".utf8))
        let (signature, recoveryId) = try Secp256k1.signRecoverable(message32: digest, privateKey: Self.one)
        let highS = Array(signature.prefix(32)) + negateModOrder(Array(signature.suffix(32)))
        #expect(highS != signature)
        let publicKey = try Secp256k1.publicKey(privateKey: Self.one)
        #expect(try Secp256k1.verifyECDSA(message32: digest, signature64: signature, publicKey: publicKey))
        #expect(try !Secp256k1.verifyECDSA(message32: digest, signature64: highS, publicKey: publicKey))
        #expect(throws: CryptoError.invalidSignature) {
            _ = try Secp256k1.recover(message32: digest, signature64: highS, recoveryId: recoveryId ^ 1)
        }
    }

    @Test func malformedInputIsATypedErrorOrFalse() throws {
        let digest = SHA256.hash(Array("abc".utf8))
        let signature = try Secp256k1.sign(message32: digest, privateKey: Self.one)
        let publicKey = try Secp256k1.publicKey(privateKey: Self.one)
        let uncompressed = try Secp256k1.publicKey(privateKey: Self.one, compressed: false)

        #expect(throws: CryptoError.invalidLength(parameter: "message32", expected: [32], actual: 31)) {
            _ = try Secp256k1.verifyECDSA(message32: Array(digest.dropLast()), signature64: signature, publicKey: publicKey)
        }
        #expect(throws: CryptoError.invalidLength(parameter: "signature64", expected: [64], actual: 0)) {
            _ = try Secp256k1.verifyECDSA(message32: digest, signature64: [], publicKey: publicKey)
        }
        #expect(throws: CryptoError.invalidLength(parameter: "publicKey", expected: [33, 65], actual: 64)) {
            _ = try Secp256k1.verifyECDSA(message32: digest, signature64: signature, publicKey: Array(uncompressed.dropFirst()))
        }
        #expect(throws: CryptoError.invalidRecoveryId(4)) {
            _ = try Secp256k1.recover(message32: digest, signature64: signature, recoveryId: 4)
        }
        #expect(throws: CryptoError.invalidRecoveryId(-1)) {
            _ = try Secp256k1.recover(message32: digest, signature64: signature, recoveryId: -1)
        }
        #expect(throws: CryptoError.invalidPrivateKey) {
            _ = try Secp256k1.sign(message32: digest, privateKey: [UInt8](repeating: 0, count: 32))
        }
        #expect(throws: CryptoError.invalidPrivateKey) {
            _ = try Secp256k1.publicKey(privateKey: negateModOrder([UInt8](repeating: 0, count: 32)))
        }
        #expect(throws: CryptoError.invalidLength(parameter: "privateKey", expected: [32], actual: 1)) {
            _ = try Secp256k1.signRecoverable(message32: digest, privateKey: [1])
        }

        // Well-formed lengths but unusable contents: `false`, never a crash.
        var badPrefix = publicKey
        badPrefix[0] = 0x05
        #expect(try !Secp256k1.verifyECDSA(message32: digest, signature64: signature, publicKey: badPrefix))
        var hybrid = uncompressed
        hybrid[0] = 0x06 | (uncompressed[64] & 1)
        #expect(try !Secp256k1.verifyECDSA(message32: digest, signature64: signature, publicKey: hybrid))
        var offCurve = uncompressed
        offCurve[64] ^= 0x01
        #expect(try !Secp256k1.verifyECDSA(message32: digest, signature64: signature, publicKey: offCurve))
        let overflow = [UInt8](repeating: 0xFF, count: 64)
        #expect(try !Secp256k1.verifyECDSA(message32: digest, signature64: overflow, publicKey: publicKey))
        #expect(try !Secp256k1.verifyECDSA(message32: digest, signature64: [UInt8](repeating: 0, count: 64), publicKey: publicKey))
        #expect(throws: CryptoError.invalidSignature) {
            _ = try Secp256k1.recover(message32: digest, signature64: overflow, recoveryId: 0)
        }
        #expect(throws: CryptoError.recoveryFailed) {
            _ = try Secp256k1.recover(message32: digest, signature64: [UInt8](repeating: 0, count: 64), recoveryId: 0)
        }
    }

    @Test func concurrentVerificationSharesTheContext() async throws {
        let digest = SHA256.hash(Array("shared".utf8))
        let signature = try Secp256k1.sign(message32: digest, privateKey: Self.one)
        let publicKey = try Secp256k1.publicKey(privateKey: Self.one)
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    (try? Secp256k1.verifyECDSA(message32: digest, signature64: signature, publicKey: publicKey)) ?? false
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 16 && results.allSatisfy { $0 })
    }
}
