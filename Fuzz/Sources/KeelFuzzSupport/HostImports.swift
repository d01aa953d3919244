import Keel

/// The `keel_v1` host functions (docs/abi.md) with their signatures, in the order a
/// generated contract imports them (function index = position).
enum HostImports {
    /// One import: its name and type.
    struct Import {
        let name: String
        let parameters: [ValueType]
        let results: [ValueType]
    }

    static let all: [Import] = [
        Import(name: "input_size", parameters: [], results: [.i32]),
        Import(name: "input_read", parameters: [.i32], results: []),
        Import(name: "return_data", parameters: [.i32, .i32], results: []),
        Import(name: "storage_get", parameters: [.i32, .i32, .i32, .i32], results: [.i32]),
        Import(name: "storage_has", parameters: [.i32, .i32], results: [.i32]),
        Import(name: "storage_set", parameters: [.i32, .i32, .i32, .i32], results: []),
        Import(name: "storage_remove", parameters: [.i32, .i32], results: [.i32]),
        Import(name: "storage_range", parameters: [.i32, .i32, .i32, .i32, .i32], results: [.i32]),
        Import(name: "storage_next", parameters: [.i32, .i32, .i32, .i32, .i32], results: [.i64]),
        Import(name: "storage_close", parameters: [.i32], results: []),
        Import(name: "sha256", parameters: [.i32, .i32, .i32], results: []),
        Import(name: "keccak256", parameters: [.i32, .i32, .i32], results: []),
        Import(name: "secp256k1_verify", parameters: [.i32, .i32, .i32, .i32], results: [.i32]),
        Import(name: "secp256k1_recover", parameters: [.i32, .i32, .i32, .i32, .i32], results: [.i32]),
        Import(name: "schnorr_verify", parameters: [.i32, .i32, .i32, .i32], results: [.i32]),
        Import(name: "ed25519_verify", parameters: [.i32, .i32, .i32, .i32], results: [.i32]),
        Import(name: "caller", parameters: [.i32], results: []),
        Import(name: "self_address", parameters: [.i32], results: []),
        Import(name: "block_height", parameters: [], results: [.i64]),
        Import(name: "block_time", parameters: [], results: [.i64]),
        Import(name: "fuel_remaining", parameters: [], results: [.i64]),
        Import(name: "emit_event", parameters: [.i32, .i32, .i32, .i32], results: []),
        Import(name: "log", parameters: [.i32, .i32], results: []),
        Import(name: "abort", parameters: [.i32, .i32], results: []),
        Import(name: "balance", parameters: [.i32], results: [.i64]),
        Import(name: "transfer", parameters: [.i32, .i64], results: [.i32]),
        Import(name: "call", parameters: [.i32, .i32, .i32, .i32, .i32, .i64], results: [.i32]),
        Import(name: "call_result_size", parameters: [], results: [.i32]),
        Import(name: "call_result_read", parameters: [.i32], results: []),
    ]

    /// The index of `abort` (generated sparingly: it ends the call).
    static let abortIndex = all.firstIndex { $0.name == "abort" }!
}
