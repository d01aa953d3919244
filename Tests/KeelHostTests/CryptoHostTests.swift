import Keel
import KeelCrypto
import KeelHost
import Testing

@Suite struct CryptoHostTests {
    /// Each method copies its input to address 0 and passes parts of it to one host function.
    static let crypto = contract("""
      (func $in (call $input_read (i32.const 0)))
      (func $byte (param i32) (i32.store8 (i32.const 60000) (local.get 0)) (call $return_data (i32.const 60000) (i32.const 1)))
      (func (export "sha256") (call $in) (call $sha256 (i32.const 0) (call $input_size) (i32.const 60000))
        (call $return_data (i32.const 60000) (i32.const 32)))
      (func (export "keccak256") (call $in) (call $keccak256 (i32.const 0) (call $input_size) (i32.const 60000))
        (call $return_data (i32.const 60000) (i32.const 32)))
      ;; hash(32) sig(64) key(rest)
      (func (export "secp256k1_verify") (call $in)
        (call $byte (call $secp256k1_verify (i32.const 0) (i32.const 32) (i32.const 96) (i32.sub (call $input_size) (i32.const 96)))))
      ;; hash(32) sig(64) id(1) out_len(1)
      (func (export "secp256k1_recover") (local $ok i32) (call $in)
        (local.set $ok (call $secp256k1_recover (i32.const 0) (i32.const 32) (i32.load8_u (i32.const 96)) (i32.const 60001)
          (i32.load8_u (i32.const 97))))
        (i32.store8 (i32.const 60000) (local.get $ok))
        (call $return_data (i32.const 60000) (i32.add (i32.const 1) (i32.mul (local.get $ok) (i32.load8_u (i32.const 97))))))
      ;; sig(64) key(32) msg(rest, at 96)
      (func (export "schnorr_verify") (call $in)
        (call $byte (call $schnorr_verify (i32.const 96) (i32.sub (call $input_size) (i32.const 96)) (i32.const 0) (i32.const 64))))
      (func (export "ed25519_verify") (call $in)
        (call $byte (call $ed25519_verify (i32.const 96) (i32.sub (call $input_size) (i32.const 96)) (i32.const 0) (i32.const 64))))
      (func (export "sha256_oob") (call $sha256 (i32.const 65000) (i32.const 1000) (i32.const 0)))
      (func (export "sha256_out_oob") (call $sha256 (i32.const 0) (i32.const 10) (i32.const 65530)))
      (func (export "verify_oob") (drop (call $secp256k1_verify (i32.const 0) (i32.const 32) (i32.const 65510) (i32.const 33))))
      (func (export "schnorr_oob") (drop (call $schnorr_verify (i32.const 0) (i32.const 70000) (i32.const 0) (i32.const 0))))
      (func (export "ed25519_oob") (drop (call $ed25519_verify (i32.const 0) (i32.const 0) (i32.const 65500) (i32.const 0))))
      (func (export "recover_bad_len") (drop (call $secp256k1_recover (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 100) (i32.const 64))))
      (func (export "sha256_last") (call $sha256 (i32.const 0) (i32.const 1000) (i32.const 0)))
      (func (export "verify_last") (drop (call $secp256k1_verify (i32.const 0) (i32.const 32) (i32.const 96) (i32.const 33))))
    """)

    /// A harness on `backend` with this suite's contracts registered.
    func makeHarness(_ backend: Backend) throws -> Harness {
        let harness = try Harness(backend: backend)
        try harness.register(Self.crypto, at: address(1))
        return harness
    }

    func run(_ harness: Harness, _ method: String, _ input: [UInt8]) throws -> ExecutionOutcome {
        try harness.call(address(1), method, input: input)
    }

    @Test(arguments: Backend.available) func hashes(backend: Backend) throws {
        let harness = try makeHarness(backend)
        #expect(try run(harness, "sha256", bytes("abc")).returnData == hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        #expect(try run(harness, "keccak256", []).returnData == hex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"))
    }

    @Test(arguments: Backend.available) func hashingChargesPerByte(backend: Backend) throws {
        let harness = try makeHarness(backend)
        let short = try harness.fuelNeeded(address(1), "sha256", input: [UInt8](repeating: 1, count: 10))
        let long = try harness.fuelNeeded(address(1), "sha256", input: [UInt8](repeating: 1, count: 110))
        // 100 more bytes read from the input (1 each) and hashed (2 each).
        #expect(long - short == 100 * (HostFuelSchedule.v1.inputRead.perByte + HostFuelSchedule.v1.sha256.perByte))
        try expectOutOfFuelAtBoundary(harness, address(1), "sha256_last")
        try expectOutOfFuelAtBoundary(harness, address(1), "verify_last")
    }

    @Test(arguments: Backend.available) func secp256k1VerifyAndRecover(backend: Backend) throws {
        let harness = try makeHarness(backend)
        let privateKey = [UInt8](repeating: 0x11, count: 32)
        let hash = SHA256.hash(bytes("pay 10 to bob"))
        let (signature, recoveryId) = try Secp256k1.signRecoverable(message32: hash, privateKey: privateKey)
        let compressed = try Secp256k1.publicKey(privateKey: privateKey, compressed: true)
        let uncompressed = try Secp256k1.publicKey(privateKey: privateKey, compressed: false)
        #expect(try run(harness, "secp256k1_verify", hash + signature + compressed).returnData == [1])
        #expect(try run(harness, "secp256k1_verify", hash + signature + uncompressed).returnData == [1])
        var forged = signature
        forged[10] ^= 1
        #expect(try run(harness, "secp256k1_verify", hash + forged + compressed).returnData == [0])
        #expect(try run(harness, "secp256k1_verify", SHA256.hash(bytes("pay 99 to eve")) + signature + compressed).returnData == [0])
        // A malformed key or a key of the wrong length is invalid, not a trap.
        #expect(try run(harness, "secp256k1_verify", hash + signature + [UInt8](repeating: 9, count: 33)).returnData == [0])
        #expect(try run(harness, "secp256k1_verify", hash + signature + compressed.dropLast()).returnData == [0])

        let recovered = try run(harness, "secp256k1_recover", hash + signature + [UInt8(recoveryId), 65])
        #expect(recovered.returnData == [1] + uncompressed)
        #expect(try run(harness, "secp256k1_recover", hash + signature + [UInt8(recoveryId), 33]).returnData == [1] + compressed)
        #expect(try run(harness, "secp256k1_recover", hash + signature + [7, 33]).returnData == [0])
        #expect(try run(harness, "recover_bad_len", []).status == .trapped("invalid public key length 64, expected 33 or 65"))
    }

    @Test(arguments: Backend.available) func schnorrVerify(backend: Backend) throws {
        let harness = try makeHarness(backend)
        // BIP-340 vector 1.
        let key = hex("DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659")
        let message = hex("243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89")
        let signature = hex("6896BD60EEAE296DB48A229FF71DFE071BDE413E6D43F917DC8DCF8C78DE33418906D11AC976ABCCB20B091292BFF4EA897EFCB639EA871CFA95F6DE339E4B0A")
        #expect(try run(harness, "schnorr_verify", signature + key + message).returnData == [1])
        var other = message
        other[0] ^= 0x80
        #expect(try run(harness, "schnorr_verify", signature + key + other).returnData == [0])
    }

    @Test(arguments: Backend.available) func ed25519Verify(backend: Backend) throws {
        let harness = try makeHarness(backend)
        // RFC 8032 test 2; the contract reads the key at 64, so it is passed after the signature.
        let key = hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
        let signature = hex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")
        #expect(try run(harness, "ed25519_verify", signature + key + [0x72]).returnData == [1])
        #expect(try run(harness, "ed25519_verify", signature + key + [0x73]).returnData == [0])
    }

    @Test(arguments: Backend.available) func badPointersTrap(backend: Backend) throws {
        let harness = try makeHarness(backend)
        for method in ["sha256_oob", "sha256_out_oob", "verify_oob", "schnorr_oob", "ed25519_oob"] {
            #expect(try run(harness, method, []).status == .trapped("out of bounds memory access"), "\(method)")
        }
    }
}
