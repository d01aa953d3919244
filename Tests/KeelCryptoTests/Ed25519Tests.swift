import Testing
import KeelCrypto

/// RFC 8032 section 7.1, tests 1-3.
@Suite("Ed25519")
struct Ed25519Tests {
    static let vectors: [(publicKey: String, message: String, signature: String)] = [
        ("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        ("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        ("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ]

    @Test(arguments: 0..<3)
    func rfc8032Vectors(index: Int) throws {
        let vector = Self.vectors[index]
        let key = hex(vector.publicKey)
        let message = hex(vector.message)
        let signature = hex(vector.signature)
        #expect(try Ed25519.verify(signature: signature, message: message, publicKey: key))
        // A flipped bit in the message, the signature's R or S, or the key fails.
        #expect(try !Ed25519.verify(signature: signature, message: message + [0], publicKey: key))
        for position in [0, 40] {
            var tampered = signature
            tampered[position] ^= 0x01
            #expect(try !Ed25519.verify(signature: tampered, message: message, publicKey: key))
        }
        var otherKey = key
        otherKey[5] ^= 0x10
        #expect(try !Ed25519.verify(signature: signature, message: message, publicKey: otherKey))
    }

    @Test func nonCanonicalScalarIsRejected() throws {
        // S + L (L = 2^252 + 27742317777372353535851937790883648493) verifies in a
        // non-strict implementation; ours rejects S >= L.
        let vector = Self.vectors[0]
        var signature = hex(vector.signature)
        let order: [UInt8] = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")
        var carry = 0
        for index in 32..<64 {
            let sum = Int(signature[index]) + Int(order[index - 32]) + carry
            signature[index] = UInt8(sum & 0xFF)
            carry = sum >> 8
        }
        #expect(carry == 0)
        #expect(try !Ed25519.verify(signature: signature, message: [], publicKey: hex(vector.publicKey)))
    }

    @Test func wrongLengthsAreTypedErrors() {
        let vector = Self.vectors[0]
        #expect(throws: CryptoError.invalidLength(parameter: "signature", expected: [64], actual: 63)) {
            _ = try Ed25519.verify(signature: Array(hex(vector.signature).dropLast()), message: [], publicKey: hex(vector.publicKey))
        }
        #expect(throws: CryptoError.invalidLength(parameter: "publicKey", expected: [32], actual: 0)) {
            _ = try Ed25519.verify(signature: hex(vector.signature), message: [], publicKey: [])
        }
    }
}
