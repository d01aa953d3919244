import Testing
import KeelCrypto

@Suite("Hashes")
struct HashTests {
    @Test(arguments: [
        ("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        ("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
        ("The quick brown fox jumps over the lazy dog", "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15"),
        ("Transfer(address,address,uint256)", "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"),
    ])
    func keccak256KnownAnswers(input: String, digest: String) {
        #expect(hexString(Keccak256.hash(Array(input.utf8))) == digest)
    }

    @Test func keccak256IsNotSHA3() {
        // SHA3-256("") is a7ffc6f8...; Ethereum's Keccak-256 pads with 0x01, not 0x06.
        #expect(hexString(Keccak256.hash([])) != "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")
        // The ERC-20 `transfer(address,uint256)` selector.
        #expect(Keccak256.hash(Array("transfer(address,uint256)".utf8)).prefix(4) == [0xA9, 0x05, 0x9C, 0xBB])
    }

    @Test func keccak256IncrementalMatchesOneShotAcrossBlockBoundaries() {
        let data = (0..<700).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for length in [0, 1, 134, 135, 136, 137, 271, 272, 273, 408, 700] {
            let message = Array(data.prefix(length))
            let expected = Keccak256.hash(message)
            for chunk in [1, 7, 135, 136, 200] {
                var hasher = Keccak256()
                var index = 0
                while index < message.count {
                    let end = min(index + chunk, message.count)
                    hasher.update(Array(message[index..<end]))
                    index = end
                }
                #expect(hasher.finalize() == expected, "length \(length), chunk \(chunk)")
            }
        }
        // 135 and 136 bytes hash differently from their neighbours (padding edge cases).
        #expect(Keccak256.hash(Array(data.prefix(135))) != Keccak256.hash(Array(data.prefix(136))))
    }

    @Test func sha256KnownAnswers() {
        #expect(hexString(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hexString(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
