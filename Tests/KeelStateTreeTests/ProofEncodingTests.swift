import Testing
import KeelStateTree

/// Malformed proof encodings are errors naming the offset and the reason, never crashes.
@Suite("Proof encoding")
struct ProofEncodingTests {
    private static let hash = [UInt8](repeating: 0xAB, count: 32)
    private static let zero = [UInt8](repeating: 0, count: 32)

    @Test func encodingIsCanonical() throws {
        let proof = StateProof(siblings: [Self.hash, Self.zero, Self.zero, Self.hash, Self.zero, Self.zero, Self.zero, Self.zero, Self.hash],
                               terminal: .otherLeaf(keyHash: Self.hash, valueHash: Self.zero))
        let encoded = proof.encoded
        #expect(Array(encoded.prefix(5)) == [2, 0, 9, 0b1001_0000, 0b1000_0000])
        #expect(encoded.count == 5 + 3 * 32 + 64)
        #expect(try StateProof(decoding: encoded) == proof)
    }

    @Test(arguments: [
        ([], 0, "truncated in the proof kind"),
        ([3, 0, 0], 0, "unknown proof kind 3"),
        ([0, 0], 1, "truncated in the sibling count"),
        ([0, 1, 1], 1, "257 siblings, at most 256"),
        ([0, 0, 1], 3, "truncated in the presence bitmap"),
        ([0, 0, 1, 0b0100_0000], 3, "presence bitmap padding bits are set"),
        ([0, 0, 1, 0b1000_0000, 1, 2], 4, "truncated in the sibling 0"),
        ([0, 0, 1, 0b1000_0000] + zero, 4, "sibling 0 is the placeholder, which the bitmap encodes"),
        ([1, 0, 0, 9], 3, "1 trailing bytes"),
        ([2, 0, 0] + hash, 35, "truncated in the other leaf's value hash"),
    ] as [([UInt8], Int, String)])
    func malformedEncodingsAreErrors(bytes: [UInt8], offset: Int, reason: String) {
        #expect(throws: StateTreeError.self) { _ = try StateProof(decoding: bytes) }
        do {
            _ = try StateProof(decoding: bytes)
        } catch {
            guard case .malformedProof(let at, let why) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(at == offset)
            #expect(why.hasPrefix(reason), "\(why)")
        }
    }

    @Test func allTruncationsOfARealProofAreErrors() throws {
        let proof = StateProof(siblings: [Self.hash, Self.zero, Self.hash], terminal: .otherLeaf(keyHash: Self.hash, valueHash: Self.hash))
        let encoded = proof.encoded
        for count in 0..<encoded.count {
            #expect(throws: StateTreeError.self) { _ = try StateProof(decoding: Array(encoded.prefix(count))) }
        }
    }
}
