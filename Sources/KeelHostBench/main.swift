// Host-call overhead benchmark (bench/host/run.sh): what the contract ABI's host wrapper
// adds to the work it wraps. Wall-clock timing is fine here: this is a tool, not consensus
// code.
import CSecp256k1
import Foundation
import Keel
import KeelCrypto
import KeelHost
import KeelState

/// Best-of-`rounds` nanoseconds per iteration of `body`, which runs `iterations` iterations.
func measure(rounds: Int = 5, iterations: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        best = min(best, nanoseconds / Double(iterations))
    }
    return best
}

let iterations = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 2000

// A fixed key and signature (low-S, RFC 6979).
let privateKey = [UInt8](repeating: 0x42, count: 32)
let hash = SHA256.hash(Array("keel host benchmark".utf8))
let signature = try Secp256k1.sign(message32: hash, privateKey: privateKey)
let publicKey = try Secp256k1.publicKey(privateKey: privateKey, compressed: true)

// 1. libsecp256k1 called directly: parse the key and signature, verify (what any caller must do).
let context = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE))!
var directValid = 0
let direct = measure(iterations: iterations) {
    for _ in 0..<iterations {
        var key = secp256k1_pubkey()
        var parsed = secp256k1_ecdsa_signature()
        guard secp256k1_ec_pubkey_parse(context, &key, publicKey, publicKey.count) == 1,
            secp256k1_ecdsa_signature_parse_compact(context, &parsed, signature) == 1
        else { fatalError("benchmark key or signature does not parse") }
        directValid += Int(secp256k1_ecdsa_verify(context, &parsed, hash, &key))
    }
}

// 2. The same verification from a contract through `secp256k1_verify`, `iterations` times in
//    one call, under the contract profile (fuel metering on).
let engine = try Engine(configuration: .contract)
let resolver = InMemoryContractResolver()
let host = ContractHost(engine: engine, resolver: resolver)
func hexData(_ bytes: [UInt8]) -> String { bytes.map { String(format: "\\%02x", $0) }.joined() }
let contractText = """
    (module
      (import "keel_v1" "secp256k1_verify" (func $verify (param i32 i32 i32 i32) (result i32)))
      (import "keel_v1" "storage_set" (func $set (param i32 i32 i32 i32)))
      (import "keel_v1" "storage_get" (func $get (param i32 i32 i32 i32) (result i32)))
      (import "keel_v1" "block_height" (func $height (result i64)))
      (import "keel_v1" "input_read" (func $input (param i32)))
      (memory 1)
      (data (i32.const 0) "\(hexData(hash))")
      (data (i32.const 32) "\(hexData(signature))")
      (data (i32.const 96) "\(hexData(publicKey))")
      (func $n (result i32) (call $input (i32.const 200)) (i32.load (i32.const 200)))
      (func (export "verify") (local $i i32) (local $n i32) (local $valid i32)
        (local.set $n (call $n))
        (loop $l
          (local.set $valid (i32.add (local.get $valid) (call $verify (i32.const 0) (i32.const 32) (i32.const 96) (i32.const 33))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
        (if (i32.ne (local.get $valid) (local.get $n)) (then unreachable)))
      (func (export "storage") (local $i i32) (local $n i32)
        (local.set $n (call $n))
        (loop $l
          (i32.store (i32.const 300) (local.get $i))
          (call $set (i32.const 300) (i32.const 4) (i32.const 0) (i32.const 32))
          (drop (call $get (i32.const 300) (i32.const 4) (i32.const 400) (i32.const 32)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
      )
      (func (export "trivial") (local $i i32) (local $n i32)
        (local.set $n (call $n))
        (loop $l
          (drop (call $height))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
      (func (export "empty") (local $i i32) (local $n i32)
        (local.set $n (call $n))
        (loop $l
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))))
    """
let contract = try ContractAddress([UInt8](repeating: 1, count: 32))
resolver.register(try Module(engine: engine, wat: contractText), at: contract)
let state = MemoryStore()
let block = BlockContext(height: 1, time: 0)

@MainActor func run(_ method: String, _ count: Int, on state: any KeyValueReader = state, host: ContractHost = host) throws -> Double {
    let input = (0..<4).map { UInt8(truncatingIfNeeded: count >> (8 * $0)) }
    return try measure(iterations: count) {
        let outcome = try host.execute(
            contract: contract, method: method, input: input, sender: contract, fuel: UInt64.max, state: state, block: block)
        guard outcome.status == .success else { fatalError("\(method): \(outcome.status)") }
    }
}

let viaHost = try run("verify", iterations)
let storageCount = iterations * 10
let storageMemory = try run("storage", storageCount)
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keel-host-bench-\(getpid())")
defer { try? FileManager.default.removeItem(at: directory) }
let database = try LevelDBStore(path: directory.path)
// Pre-populate the database so reads go to LevelDB's tables, not the overlay alone.
var batch = WriteBatch()
for i in 0..<storageCount {
    batch.put(ContractStorage.keyPrefix(for: contract) + (0..<4).map { UInt8(truncatingIfNeeded: i >> (8 * $0)) }, hash)
}
try database.write(batch, sync: true)
let storageLevelDB = try run("storage", storageCount, on: database)
let trivialCount = iterations * 100
let trivial = try run("trivial", trivialCount)
let empty = try run("empty", trivialCount)
// The same trivial call on the JIT (the contract is compiled again by a JIT engine).
var jitConfiguration = EngineConfiguration.contract
jitConfiguration.backend = .jit
let jitEngine = try Engine(configuration: jitConfiguration)
let jitResolver = InMemoryContractResolver()
jitResolver.register(try Module(engine: jitEngine, wat: contractText), at: contract)
let jitHost = ContractHost(engine: jitEngine, resolver: jitResolver)
let trivialJIT = try run("trivial", trivialCount, host: jitHost)
let emptyJIT = try run("empty", trivialCount, host: jitHost)
let engineCalls = try engineCallReport(iterations: iterations)

let overhead = (viaHost - direct) / direct * 100
print("""
    host-call benchmark (\(iterations) verifications, best of 5)
      secp256k1 verify, libsecp256k1 direct:  \(String(format: "%8.0f", direct)) ns  (\(String(format: "%.0f", 1e9 / direct)) /s)
      secp256k1 verify, contract via host:    \(String(format: "%8.0f", viaHost)) ns  (\(String(format: "%.0f", 1e9 / viaHost)) /s)
      host wrapper overhead:                  \(String(format: "%8.1f", overhead)) %
      storage set+get round trip (memory):    \(String(format: "%8.0f", storageMemory)) ns  (\(String(format: "%.0f", 1e9 / storageMemory)) /s)
      storage set+get round trip (LevelDB):   \(String(format: "%8.0f", storageLevelDB)) ns  (\(String(format: "%.0f", 1e9 / storageLevelDB)) /s)
      trivial host call (block_height):       \(String(format: "%8.1f", trivial - empty)) ns (interp), \(String(format: "%.1f", trivialJIT - emptyJIT)) ns (jit), over an empty loop iteration
    embedding API (contract profile; slopes between \(iterations * 100) and \(iterations * 500) iterations, median of 7)
    \(engineCalls)
    """)
if directValid != iterations * 5 { fatalError("direct verification failed") }
