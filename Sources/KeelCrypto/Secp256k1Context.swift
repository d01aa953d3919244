import CSecp256k1

/// The one libsecp256k1 context of the process, created on first use and never destroyed.
///
/// Thread safety: libsecp256k1 functions take the context as `const` except
/// `secp256k1_context_randomize` and `secp256k1_context_destroy`. Both mutating calls
/// happen only here, inside the lazily-run initializer of ``shared`` (Swift runs a
/// static initializer exactly once, with the needed synchronization), before the
/// pointer is published. Afterwards the context is only read, so any number of threads
/// may verify, recover and sign with it at once; hence `@unchecked Sendable`.
final class Secp256k1Context: @unchecked Sendable {
    /// The shared context.
    static let shared = Secp256k1Context()

    /// The `secp256k1_context*`, valid for the process lifetime.
    let pointer: OpaquePointer

    private init() {
        // SECP256K1_CONTEXT_NONE: since libsecp256k1 0.2.0 one context serves signing
        // and verification.
        guard let context = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE)) else {
            // Allocation failure of a few hundred bytes at first use: nothing sensible
            // can continue without the library.
            fatalError("secp256k1_context_create failed")
        }
        // An illegal argument would otherwise call abort(). Callers validate every
        // length and range before calling, so this is defence in depth: the function
        // then simply returns 0 (failure), which is reported as a typed error.
        secp256k1_context_set_illegal_callback(context, { _, _ in }, nil)
        // Blinding of secret-key operations against side channels. It changes no
        // output (signatures are RFC 6979 / BIP-340 deterministic), so the seed's
        // randomness never reaches a result.
        var seed = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in seed.indices { seed[index] = UInt8.random(in: .min ... .max, using: &generator) }
        _ = secp256k1_context_randomize(context, seed)
        pointer = context
    }
}
