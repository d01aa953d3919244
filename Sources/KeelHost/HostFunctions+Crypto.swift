import Keel
import KeelCrypto

extension Execution {
    static func defineCrypto(_ linker: HostLinker) {
        // (ptr, len, out)
        define(linker, "sha256", [.i32, .i32, .i32], []) { call in
            let message = try call.readMessage(0, cost: call.prices.sha256, output: 2)
            try call.write(SHA256.hash(message), at: call.u32(2))
            return .none
        }
        define(linker, "keccak256", [.i32, .i32, .i32], []) { call in
            let message = try call.readMessage(0, cost: call.prices.keccak256, output: 2)
            try call.write(Keccak256.hash(message), at: call.u32(2))
            return .none
        }
        // (hash, sig, key, key_len) -> 0 | 1
        define(linker, "secp256k1_verify", [.i32, .i32, .i32, .i32], [.i32]) { call in
            let keyLength = call.u32(3)
            try call.checkRange(call.u32(0), 32)
            try call.checkRange(call.u32(1), 64)
            try call.checkRange(call.u32(2), keyLength)
            try call.charge(call.prices.secp256k1Verify)
            guard keyLength == 33 || keyLength == 65 else { return .i32(0) }
            let valid = (try? Secp256k1.verifyECDSA(
                message32: try call.read(call.u32(0), 32), signature64: try call.read(call.u32(1), 64),
                publicKey: try call.read(call.u32(2), keyLength))) ?? false
            return .i32(valid ? 1 : 0)
        }
        // (hash, sig, recovery_id, out, out_len (33 | 65)) -> 0 | 1
        define(linker, "secp256k1_recover", [.i32, .i32, .i32, .i32, .i32], [.i32]) { call in
            let (output, outputLength) = (call.u32(3), call.u32(4))
            guard outputLength == 33 || outputLength == 65 else {
                throw Trap.host("invalid public key length \(outputLength), expected 33 or 65")
            }
            try call.checkRange(call.u32(0), 32)
            try call.checkRange(call.u32(1), 64)
            try call.checkRange(output, outputLength)
            try call.charge(call.prices.secp256k1Recover)
            let hash = try call.read(call.u32(0), 32)
            let signature = try call.read(call.u32(1), 64)
            guard let key = try? Secp256k1.recover(
                message32: hash, signature64: signature, recoveryId: Int(call.i32(2)), compressed: outputLength == 33)
            else { return .i32(0) }
            try call.write(key, at: output)
            return .i32(1)
        }
        // (msg, msg_len, sig, key) -> 0 | 1
        define(linker, "schnorr_verify", [.i32, .i32, .i32, .i32], [.i32]) { call in
            let (signature, key) = try call.readSignatureAndKey(2, keyLength: 32)
            let message = try call.readMessage(0, cost: call.prices.schnorrVerify)
            let valid = (try? Secp256k1.verifySchnorr(message: message, signature64: signature, xOnlyPublicKey32: key)) ?? false
            return .i32(valid ? 1 : 0)
        }
        define(linker, "ed25519_verify", [.i32, .i32, .i32, .i32], [.i32]) { call in
            let (signature, key) = try call.readSignatureAndKey(2, keyLength: 32)
            let message = try call.readMessage(0, cost: call.prices.ed25519Verify)
            let valid = (try? Ed25519.verify(signature: signature, message: message, publicKey: key)) ?? false
            return .i32(valid ? 1 : 0)
        }
    }
}

extension HostCall {
    /// The message at arguments `k`, `k + 1` (pointer, length), with the range of the 32-byte
    /// output at argument `output` (if any) checked, charged `cost` per message byte.
    func readMessage(_ k: Int, cost: HostCost, output: Int? = nil) throws(Trap) -> [UInt8] {
        let (pointer, length) = (u32(k), u32(k + 1))
        try checkRange(pointer, length)
        if let output { try checkRange(u32(output), 32) }
        try charge(cost, bytes: length)
        return try read(pointer, length)
    }

    /// The 64-byte signature at argument `k` and the key of `keyLength` bytes at `k + 1`.
    func readSignatureAndKey(_ k: Int, keyLength: Int) throws(Trap) -> (signature: [UInt8], key: [UInt8]) {
        (try read(u32(k), 64), try read(u32(k + 1), keyLength))
    }
}
