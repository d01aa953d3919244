import Foundation
import Keel
import KeelHost
import KeelState
import Testing

/// Every `keel_v1` import, as WAT declarations `$name` (unused ones are harmless).
let abiImports = """
  (import "keel_v1" "input_size" (func $input_size (result i32)))
  (import "keel_v1" "input_read" (func $input_read (param i32)))
  (import "keel_v1" "return_data" (func $return_data (param i32 i32)))
  (import "keel_v1" "storage_get" (func $storage_get (param i32 i32 i32 i32) (result i32)))
  (import "keel_v1" "storage_has" (func $storage_has (param i32 i32) (result i32)))
  (import "keel_v1" "storage_set" (func $storage_set (param i32 i32 i32 i32)))
  (import "keel_v1" "storage_remove" (func $storage_remove (param i32 i32) (result i32)))
  (import "keel_v1" "storage_range" (func $storage_range (param i32 i32 i32 i32 i32) (result i32)))
  (import "keel_v1" "storage_next" (func $storage_next (param i32 i32 i32 i32 i32) (result i64)))
  (import "keel_v1" "storage_close" (func $storage_close (param i32)))
  (import "keel_v1" "sha256" (func $sha256 (param i32 i32 i32)))
  (import "keel_v1" "keccak256" (func $keccak256 (param i32 i32 i32)))
  (import "keel_v1" "secp256k1_verify" (func $secp256k1_verify (param i32 i32 i32 i32) (result i32)))
  (import "keel_v1" "secp256k1_recover" (func $secp256k1_recover (param i32 i32 i32 i32 i32) (result i32)))
  (import "keel_v1" "schnorr_verify" (func $schnorr_verify (param i32 i32 i32 i32) (result i32)))
  (import "keel_v1" "ed25519_verify" (func $ed25519_verify (param i32 i32 i32 i32) (result i32)))
  (import "keel_v1" "caller" (func $caller (param i32)))
  (import "keel_v1" "self_address" (func $self_address (param i32)))
  (import "keel_v1" "block_height" (func $block_height (result i64)))
  (import "keel_v1" "block_time" (func $block_time (result i64)))
  (import "keel_v1" "fuel_remaining" (func $fuel_remaining (result i64)))
  (import "keel_v1" "emit_event" (func $emit_event (param i32 i32 i32 i32)))
  (import "keel_v1" "log" (func $log (param i32 i32)))
  (import "keel_v1" "abort" (func $abort (param i32 i32)))
  (import "keel_v1" "balance" (func $balance (param i32) (result i64)))
  (import "keel_v1" "transfer" (func $transfer (param i32 i64) (result i32)))
  (import "keel_v1" "call" (func $call (param i32 i32 i32 i32 i32 i64) (result i32)))
  (import "keel_v1" "call_result_size" (func $call_result_size (result i32)))
  (import "keel_v1" "call_result_read" (func $call_result_read (param i32)))
"""

/// A contract module in the text format: the ABI imports, one page of memory, `body`.
func contract(_ body: String) -> String {
    "(module\n\(abiImports)\n  (memory (export \"memory\") 1)\n\(body)\n)"
}

/// An address made of one repeated byte.
func address(_ byte: UInt8) -> ContractAddress {
    try! ContractAddress([UInt8](repeating: byte, count: 32))
}

/// Bytes of a string.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Little-endian encoding of a 64-bit value.
func le64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

/// Contracts registered in memory over a `MemoryStore`, run with the contract profile on
/// `backend`; successful outcomes are committed to the store.
final class Harness {
    let engine: Engine
    let resolver = InMemoryContractResolver()
    let host: ContractHost
    let state: any KeyValueStore
    var block = BlockContext(height: 7, time: 1_700_000_000)
    let sender = address(0xEE)

    init(backend: Backend, state: any KeyValueStore = MemoryStore(), configuration: EngineConfiguration = .contract, limits: ABILimits = .v1) throws {
        var configuration = configuration
        configuration.backend = backend
        engine = try Engine(configuration: configuration)
        host = ContractHost(engine: engine, resolver: resolver, limits: limits)
        self.state = state
    }

    /// Registers the contract `wat` (a full module) at `address`.
    @discardableResult
    func register(_ wat: String, at address: ContractAddress) throws -> Module {
        let module = try Module(engine: engine, wat: wat)
        resolver.register(module, at: address)
        return module
    }

    /// Calls `method` of `contract`; commits the write set when it succeeds.
    @discardableResult
    func call(
        _ contract: ContractAddress, _ method: String = "run", input: [UInt8] = [], fuel: UInt64 = 10_000_000,
        sender: ContractAddress? = nil, commit: Bool = true
    ) throws -> ExecutionOutcome {
        let outcome = try host.execute(
            contract: contract, method: method, input: input, sender: sender ?? self.sender, fuel: fuel, state: state, block: block)
        if commit { try state.write(WriteBatch(outcome.writeSet), sync: false) }
        return outcome
    }

    /// The fuel a call consumes with ample fuel (not committed).
    func fuelNeeded(_ contract: ContractAddress, _ method: String = "run", input: [UInt8] = []) throws -> UInt64 {
        try host.execute(
            contract: contract, method: method, input: input, sender: sender, fuel: 10_000_000, state: state, block: block
        ).fuelConsumed
    }

    /// The value of `contract`'s storage `key`, read directly from the store.
    func stored(_ contract: ContractAddress, _ key: [UInt8]) throws -> [UInt8]? {
        try state.get(ContractStorage.keyPrefix(for: contract) + key)
    }
}

/// Checks that running `method` with one unit of fuel less than it needs traps with
/// `out of fuel` and changes nothing.
func expectOutOfFuelAtBoundary(_ harness: Harness, _ contract: ContractAddress, _ method: String = "run", input: [UInt8] = []) throws {
    let needed = try harness.fuelNeeded(contract, method, input: input)
    let short = try harness.host.execute(
        contract: contract, method: method, input: input, sender: harness.sender, fuel: needed - 1, state: harness.state,
        block: harness.block)
    #expect(short.status == .trapped("out of fuel"))
    #expect(short.trap == .outOfFuel)
    #expect(short.fuelConsumed == needed - 1)
    #expect(short.writeSet.isEmpty)
    let exact = try harness.host.execute(
        contract: contract, method: method, input: input, sender: harness.sender, fuel: needed, state: harness.state,
        block: harness.block)
    #expect(exact.status == .success)
}

/// The bytes of a hex test vector.
func hex(_ text: String) -> [UInt8] {
    guard let bytes = Hex.decode(text) else { preconditionFailure("bad hex in a test vector: \(text)") }
    return bytes
}
