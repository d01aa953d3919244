// Raw imports of the Keel contract ABI, version 1 (module `keel_v1`, docs/abi.md).
//
// These are the exact host signatures: pointers and lengths are i32 (wasm32 pointers),
// amounts, heights, times and fuel are i64. Contracts should use the safe wrappers
// (`Storage`, `Crypto`, `Context`, `Events`, `Input`, `Output`, `Chain`, `abort`)
// instead of calling these directly.
//
// The symbol names all start with `keel_v1_`; the C runtime (runtime/keel_rt.c) uses the
// same names for `abort` and `log`, so every host function is imported once.

// MARK: Input and output

@_extern(wasm, module: "keel_v1", name: "input_size")
@_extern(c)
func keel_v1_input_size() -> Int32

@_extern(wasm, module: "keel_v1", name: "input_read")
@_extern(c)
func keel_v1_input_read(_ dst: UnsafeMutableRawPointer?)

@_extern(wasm, module: "keel_v1", name: "return_data")
@_extern(c)
func keel_v1_return_data(_ ptr: UnsafeRawPointer?, _ len: Int32)

// MARK: Storage

@_extern(wasm, module: "keel_v1", name: "storage_get")
@_extern(c)
func keel_v1_storage_get(
  _ key: UnsafeRawPointer?, _ keyLen: Int32, _ dst: UnsafeMutableRawPointer?, _ cap: Int32
) -> Int32

@_extern(wasm, module: "keel_v1", name: "storage_has")
@_extern(c)
func keel_v1_storage_has(_ key: UnsafeRawPointer?, _ keyLen: Int32) -> Int32

@_extern(wasm, module: "keel_v1", name: "storage_set")
@_extern(c)
func keel_v1_storage_set(
  _ key: UnsafeRawPointer?, _ keyLen: Int32, _ value: UnsafeRawPointer?, _ valueLen: Int32)

@_extern(wasm, module: "keel_v1", name: "storage_remove")
@_extern(c)
func keel_v1_storage_remove(_ key: UnsafeRawPointer?, _ keyLen: Int32) -> Int32

@_extern(wasm, module: "keel_v1", name: "storage_range")
@_extern(c)
func keel_v1_storage_range(
  _ start: UnsafeRawPointer?, _ startLen: Int32, _ end: UnsafeRawPointer?, _ endLen: Int32,
  _ reverse: Int32
) -> Int32

@_extern(wasm, module: "keel_v1", name: "storage_next")
@_extern(c)
func keel_v1_storage_next(
  _ iter: Int32, _ keyDst: UnsafeMutableRawPointer?, _ keyCap: Int32,
  _ valueDst: UnsafeMutableRawPointer?, _ valueCap: Int32
) -> Int64

@_extern(wasm, module: "keel_v1", name: "storage_close")
@_extern(c)
func keel_v1_storage_close(_ iter: Int32)

// MARK: Hashing

@_extern(wasm, module: "keel_v1", name: "sha256")
@_extern(c)
func keel_v1_sha256(_ ptr: UnsafeRawPointer?, _ len: Int32, _ out: UnsafeMutableRawPointer?)

@_extern(wasm, module: "keel_v1", name: "keccak256")
@_extern(c)
func keel_v1_keccak256(_ ptr: UnsafeRawPointer?, _ len: Int32, _ out: UnsafeMutableRawPointer?)

// MARK: Signatures

@_extern(wasm, module: "keel_v1", name: "secp256k1_verify")
@_extern(c)
func keel_v1_secp256k1_verify(
  _ hash: UnsafeRawPointer?, _ sig: UnsafeRawPointer?, _ key: UnsafeRawPointer?, _ keyLen: Int32
) -> Int32

@_extern(wasm, module: "keel_v1", name: "secp256k1_recover")
@_extern(c)
func keel_v1_secp256k1_recover(
  _ hash: UnsafeRawPointer?, _ sig: UnsafeRawPointer?, _ recoveryID: Int32,
  _ out: UnsafeMutableRawPointer?, _ outLen: Int32
) -> Int32

@_extern(wasm, module: "keel_v1", name: "schnorr_verify")
@_extern(c)
func keel_v1_schnorr_verify(
  _ msg: UnsafeRawPointer?, _ msgLen: Int32, _ sig: UnsafeRawPointer?, _ key: UnsafeRawPointer?
) -> Int32

@_extern(wasm, module: "keel_v1", name: "ed25519_verify")
@_extern(c)
func keel_v1_ed25519_verify(
  _ msg: UnsafeRawPointer?, _ msgLen: Int32, _ sig: UnsafeRawPointer?, _ key: UnsafeRawPointer?
) -> Int32

// MARK: Context

@_extern(wasm, module: "keel_v1", name: "caller")
@_extern(c)
func keel_v1_caller(_ out: UnsafeMutableRawPointer?)

@_extern(wasm, module: "keel_v1", name: "self_address")
@_extern(c)
func keel_v1_self_address(_ out: UnsafeMutableRawPointer?)

@_extern(wasm, module: "keel_v1", name: "block_height")
@_extern(c)
func keel_v1_block_height() -> Int64

@_extern(wasm, module: "keel_v1", name: "block_time")
@_extern(c)
func keel_v1_block_time() -> Int64

@_extern(wasm, module: "keel_v1", name: "fuel_remaining")
@_extern(c)
func keel_v1_fuel_remaining() -> Int64

// MARK: Events, logs, abort

@_extern(wasm, module: "keel_v1", name: "emit_event")
@_extern(c)
func keel_v1_emit_event(
  _ topic: UnsafeRawPointer?, _ topicLen: Int32, _ data: UnsafeRawPointer?, _ dataLen: Int32)

@_extern(wasm, module: "keel_v1", name: "log")
@_extern(c)
func keel_v1_log(_ ptr: UnsafeRawPointer?, _ len: Int32)

@_extern(wasm, module: "keel_v1", name: "abort")
@_extern(c)
func keel_v1_abort(_ ptr: UnsafeRawPointer?, _ len: Int32)

// MARK: Native token

@_extern(wasm, module: "keel_v1", name: "balance")
@_extern(c)
func keel_v1_balance(_ addr: UnsafeRawPointer?) -> Int64

@_extern(wasm, module: "keel_v1", name: "transfer")
@_extern(c)
func keel_v1_transfer(_ to: UnsafeRawPointer?, _ amount: Int64) -> Int32

// MARK: Calling another contract

@_extern(wasm, module: "keel_v1", name: "call")
@_extern(c)
func keel_v1_call(
  _ addr: UnsafeRawPointer?, _ method: UnsafeRawPointer?, _ methodLen: Int32,
  _ input: UnsafeRawPointer?, _ inputLen: Int32, _ fuel: Int64
) -> Int32

@_extern(wasm, module: "keel_v1", name: "call_result_size")
@_extern(c)
func keel_v1_call_result_size() -> Int32

@_extern(wasm, module: "keel_v1", name: "call_result_read")
@_extern(c)
func keel_v1_call_result_read(_ dst: UnsafeMutableRawPointer?)

// MARK: C runtime (runtime/keel_rt.c)

/// The runtime's static scratch buffer of `keelScratchSize` bytes, used to receive
/// host results whose size is only known after the host call (storage values, keys).
@_extern(c, "keel_rt_scratch")
func keel_rt_scratch() -> UnsafeMutablePointer<UInt8>

/// Size of `keel_rt_scratch()`: the largest key (256) plus the largest value (65536).
let keelScratchSize = 256 + 65536
