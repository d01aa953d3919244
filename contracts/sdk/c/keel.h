/*
 * keel.h — C SDK for Keel contracts, contract ABI version 1 (import module `keel_v1`).
 *
 * The normative interface is docs/abi.md; this header only gives it C types and adds small
 * helpers. A contract is one freestanding C translation unit that includes this header and
 * is compiled for wasm32 without a libc, for example:
 *
 *   clang --target=wasm32-unknown-unknown -O2 -nostdlib -ffreestanding -fvisibility=hidden \
 *         -I contracts/sdk/c -Wl,--no-entry -Wl,--strip-all -o c.wasm c.c
 *
 * (contracts/build.sh has the exact flags.) Methods are exported with KEEL_EXPORT; each is a
 * `void name(void)` function that reads its input with keel_input*, answers with keel_return*
 * and fails with keel_abort*. No floating point may be used: contracts run in no-float mode.
 *
 * Every call runs in a fresh instance (fresh memory and globals), so the bump allocator and
 * all static variables start from their initial values on each call; only storage persists.
 */
#ifndef KEEL_H
#define KEEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if !defined(__wasm32__)
#error "keel.h targets wasm32 (--target=wasm32-unknown-unknown)"
#endif
#if !defined(__wasm_bulk_memory__)
#error "keel.h needs the bulk-memory feature (-mbulk-memory): memcpy/memset lower to memory.copy/fill"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------
 * Attributes
 * ---------------------------------------------------------------------------------------- */

/** Declares a host function imported from module `keel_v1` under `name`. */
#define KEEL_IMPORT(name) __attribute__((import_module("keel_v1"), import_name(#name)))

/**
 * Exports a contract method under the export name `name`. Usage:
 *
 *   KEEL_EXPORT(get) void get(void) { ... }
 *
 * A method has type `() -> ()`. The export named `init` runs once at deploy.
 */
#define KEEL_EXPORT(name) __attribute__((export_name(#name), visibility("default")))

/* ------------------------------------------------------------------------------------------
 * Constants (docs/abi.md, "Limits (version 1)")
 * ---------------------------------------------------------------------------------------- */

#define KEEL_ADDRESS_SIZE 32u          /**< bytes in an address */
#define KEEL_HASH_SIZE 32u             /**< bytes in a SHA-256 / Keccak-256 digest */
#define KEEL_SIGNATURE_SIZE 64u        /**< compact r‖s (secp256k1), BIP-340, Ed25519 */
#define KEEL_SECP256K1_COMPRESSED_KEY_SIZE 33u
#define KEEL_SECP256K1_UNCOMPRESSED_KEY_SIZE 65u
#define KEEL_XONLY_KEY_SIZE 32u        /**< BIP-340 x-only public key */
#define KEEL_ED25519_KEY_SIZE 32u

#define KEEL_MAX_KEY_SIZE 256u         /**< storage key */
#define KEEL_MAX_VALUE_SIZE 65536u     /**< storage value */
#define KEEL_MAX_INPUT_SIZE 65536u     /**< call input */
#define KEEL_MAX_RETURN_SIZE 65536u    /**< return data */
#define KEEL_MAX_METHOD_SIZE 256u      /**< method name in `call` */
#define KEEL_MAX_TOPIC_SIZE 256u       /**< event topic */
#define KEEL_MAX_EVENT_DATA_SIZE 8192u /**< event data */
#define KEEL_MAX_EVENTS 256u           /**< events per call */
#define KEEL_MAX_LOG_SIZE 4096u        /**< log message */
#define KEEL_MAX_ABORT_SIZE 4096u      /**< abort message bytes kept by the host */
#define KEEL_MAX_ITERATORS 32u         /**< open storage iterators per call */
#define KEEL_MAX_CALL_DEPTH 16u        /**< nested calls, the outermost included */

/** Statuses returned by keel_call. */
#define KEEL_CALL_SUCCESS 0         /**< the callee returned; its effects are kept */
#define KEEL_CALL_TRAPPED 1         /**< the callee trapped (including out of fuel) */
#define KEEL_CALL_ABORTED 2         /**< the callee called abort */
#define KEEL_CALL_NO_CONTRACT 3     /**< no contract at the address */
#define KEEL_CALL_DEPTH_EXCEEDED 4  /**< the call would exceed KEEL_MAX_CALL_DEPTH */

/** Fuel argument of keel_call meaning "all the fuel that remains". */
#define KEEL_CALL_ALL_FUEL 0ull

/** Statuses returned by keel_transfer. */
#define KEEL_TRANSFER_OK 0
#define KEEL_TRANSFER_INSUFFICIENT 1

/** keel_storage_get result for an absent key. */
#define KEEL_STORAGE_ABSENT (-1)
/** keel_storage_range `end_len` meaning "no upper bound". */
#define KEEL_RANGE_UNBOUNDED (-1)
/** keel_storage_next result when the iterator is exhausted. */
#define KEEL_ITER_END (-1ll)

/* ------------------------------------------------------------------------------------------
 * Host functions (module `keel_v1`), in the order of docs/abi.md.
 * Pointers are offsets into memory 0; every (ptr, len) range must lie inside memory or the
 * host traps with `out of bounds memory access`.
 * ---------------------------------------------------------------------------------------- */

/* Input and output */

/** Length in bytes of the call's input. */
KEEL_IMPORT(input_size) uint32_t keel_input_size(void);
/** Copies the whole input (keel_input_size() bytes) to `dst`. */
KEEL_IMPORT(input_read) void keel_input_read(void *dst);
/** Sets the call's return data, replacing any earlier; `len` ≤ 65536 else trap. */
KEEL_IMPORT(return_data) void keel_return_data(const void *ptr, uint32_t len);

/* Storage: keys 0..256 bytes, values 0..65536 bytes, in this contract's own namespace. */

/**
 * Looks up `key`. Returns the value's length, or KEEL_STORAGE_ABSENT (-1) when absent, and
 * copies min(length, cap) bytes of the value to `dst`.
 */
KEEL_IMPORT(storage_get)
int32_t keel_storage_get(const void *key, uint32_t key_len, void *dst, uint32_t cap);
/** 1 when `key` is present, else 0. */
KEEL_IMPORT(storage_has) int32_t keel_storage_has(const void *key, uint32_t key_len);
/** Writes `value` under `key`. */
KEEL_IMPORT(storage_set)
void keel_storage_set(const void *key, uint32_t key_len, const void *value, uint32_t value_len);
/** Deletes `key`; 1 if it was present, else 0. */
KEEL_IMPORT(storage_remove) int32_t keel_storage_remove(const void *key, uint32_t key_len);
/**
 * Opens an iterator over the keys `start ≤ key < end` (unsigned byte order, shorter prefix
 * first), ascending when `reverse` is 0, descending when 1. `end_len` = KEEL_RANGE_UNBOUNDED
 * means no upper bound. Returns the handle (≥ 0). At most 32 open iterators per call.
 */
KEEL_IMPORT(storage_range)
int32_t keel_storage_range(const void *start, uint32_t start_len, const void *end,
                           int32_t end_len, int32_t reverse);
/**
 * Advances an iterator. Returns KEEL_ITER_END (-1) when exhausted, else
 * `key_len << 32 | value_len` (see keel_next_key_len / keel_next_value_len), copying
 * min(key_len, key_cap) key bytes to `key_dst` and min(value_len, value_cap) value bytes to
 * `value_dst`.
 */
KEEL_IMPORT(storage_next)
int64_t keel_storage_next(int32_t iter, void *key_dst, uint32_t key_cap, void *value_dst,
                          uint32_t value_cap);
/** Closes an iterator; its handle may be reused. */
KEEL_IMPORT(storage_close) void keel_storage_close(int32_t iter);

/* Hashing */

/** Writes the 32-byte SHA-256 digest of `len` bytes at `ptr` to `out`. */
KEEL_IMPORT(sha256) void keel_sha256(const void *ptr, uint32_t len, void *out);
/** Writes the 32-byte Keccak-256 digest (Ethereum padding) of `len` bytes at `ptr` to `out`. */
KEEL_IMPORT(keccak256) void keel_keccak256(const void *ptr, uint32_t len, void *out);

/* Signatures: 1 when valid, 0 otherwise (malformed keys and signatures included). */

/**
 * ECDSA/secp256k1: 32-byte `hash`, 64-byte compact r‖s `sig`, 33- or 65-byte SEC1 `key`.
 * High-S signatures are rejected.
 */
KEEL_IMPORT(secp256k1_verify)
int32_t keel_secp256k1_verify(const void *hash, const void *sig, const void *key,
                              uint32_t key_len);
/**
 * Recovers the signer's public key of a 64-byte compact `sig` over the 32-byte `hash` with
 * `recovery_id` (0..3) into `out`: compressed when `out_len` is 33, uncompressed when 65
 * (other lengths trap). Returns 1 on success, 0 when recovery fails.
 */
KEEL_IMPORT(secp256k1_recover)
int32_t keel_secp256k1_recover(const void *hash, const void *sig, int32_t recovery_id,
                               void *out, uint32_t out_len);
/** BIP-340 Schnorr: any-length message, 64-byte signature, 32-byte x-only public key. */
KEEL_IMPORT(schnorr_verify)
int32_t keel_schnorr_verify(const void *msg, uint32_t msg_len, const void *sig,
                            const void *key);
/** RFC 8032 Ed25519: any-length message, 64-byte signature, 32-byte public key. */
KEEL_IMPORT(ed25519_verify)
int32_t keel_ed25519_verify(const void *msg, uint32_t msg_len, const void *sig,
                            const void *key);

/* Context */

/** Writes the 32-byte address of the caller (transaction sender or calling contract). */
KEEL_IMPORT(caller) void keel_caller(void *out);
/** Writes this contract's 32-byte address. */
KEEL_IMPORT(self_address) void keel_self_address(void *out);
/** Height of the block being executed. */
KEEL_IMPORT(block_height) uint64_t keel_block_height(void);
/** The block's timestamp in seconds since the Unix epoch. */
KEEL_IMPORT(block_time) uint64_t keel_block_time(void);
/** Fuel left after this call's own charge. */
KEEL_IMPORT(fuel_remaining) uint64_t keel_fuel_remaining(void);

/* Events, logs, abort */

/**
 * Records an event: topic ≤ 256 bytes, data ≤ 8192 bytes, at most 256 events per call.
 * Reverted when the call fails.
 */
KEEL_IMPORT(emit_event)
void keel_emit_event(const void *topic, uint32_t topic_len, const void *data, uint32_t data_len);
/** Debug message (UTF-8, ≤ 4096 bytes). Kept even when the call fails. */
KEEL_IMPORT(log) void keel_log(const void *ptr, uint32_t len);
/** Ends the call as failed (status `aborted`) with a UTF-8 message. Never returns. */
KEEL_IMPORT(abort) __attribute__((noreturn)) void keel_abort(const void *ptr, uint32_t len);

/* Native token */

/** Native balance of the 32-byte address `addr`. */
KEEL_IMPORT(balance) uint64_t keel_balance(const void *addr);
/**
 * Moves `amount` native tokens from this contract to the 32-byte address `to`.
 * Returns KEEL_TRANSFER_OK (0), or KEEL_TRANSFER_INSUFFICIENT (1) when this contract's
 * balance is too small (nothing moves).
 */
KEEL_IMPORT(transfer) int32_t keel_transfer(const void *to, uint64_t amount);

/* Calling another contract */

/**
 * Runs `method` of the contract at the 32-byte address `addr` with `input`, giving it at most
 * `fuel` (KEEL_CALL_ALL_FUEL = all that remains). Returns a KEEL_CALL_* status. The callee's
 * effects are kept on success and reverted otherwise; the caller keeps running either way.
 * Method ≤ 256 bytes, input ≤ 65536 bytes, else trap.
 */
KEEL_IMPORT(call)
int32_t keel_call(const void *addr, const void *method, uint32_t method_len, const void *input,
                  uint32_t input_len, uint64_t fuel);
/**
 * Length of the last keel_call's result: its return data on success, its failure message
 * otherwise; 0 before any call.
 */
KEEL_IMPORT(call_result_size) uint32_t keel_call_result_size(void);
/** Copies the last keel_call's result (keel_call_result_size() bytes) to `dst`. */
KEEL_IMPORT(call_result_read) void keel_call_result_read(void *dst);

/* ------------------------------------------------------------------------------------------
 * Memory primitives. The compiler may emit calls to memcpy/memmove/memset/memcmp (struct
 * copies, initializers); weak definitions are provided so a contract links without a libc.
 * With bulk memory enabled (contracts/build.sh), __builtin_memcpy/__builtin_memset lower to
 * the `memory.copy`/`memory.fill` instructions.
 * ---------------------------------------------------------------------------------------- */

__attribute__((weak)) void *memcpy(void *dst, const void *src, size_t n) {
    __builtin_memcpy(dst, src, n);
    return dst;
}

__attribute__((weak)) void *memmove(void *dst, const void *src, size_t n) {
    __builtin_memmove(dst, src, n);
    return dst;
}

__attribute__((weak)) void *memset(void *dst, int c, size_t n) {
    __builtin_memset(dst, c, n);
    return dst;
}

__attribute__((weak)) int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = (const unsigned char *)a;
    const unsigned char *y = (const unsigned char *)b;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}

/** Copies `n` bytes (regions may overlap). */
static inline void keel_memcpy(void *dst, const void *src, uint32_t n) {
    __builtin_memmove(dst, src, n);
}

/** Fills `n` bytes with `c`. */
static inline void keel_memset(void *dst, uint8_t c, uint32_t n) { __builtin_memset(dst, c, n); }

/** True when the `n` bytes at `a` and `b` are equal. */
static inline bool keel_mem_eq(const void *a, const void *b, uint32_t n) {
    return memcmp(a, b, n) == 0;
}

/** Length of a NUL-terminated string (folded at compile time for literals when inlined). */
static inline uint32_t keel_strlen(const char *s) {
    if (__builtin_constant_p(__builtin_strlen(s))) return (uint32_t)__builtin_strlen(s);
    uint32_t n = 0;
    while (s[n] != '\0') n++;
    return n;
}

/* ------------------------------------------------------------------------------------------
 * Abort and log helpers
 * ---------------------------------------------------------------------------------------- */

/** Aborts the call with a NUL-terminated message. Never returns. */
__attribute__((noreturn)) static inline void keel_abort_str(const char *msg) {
    keel_abort(msg, keel_strlen(msg));
}

/** Aborts with `msg` unless `cond` holds. */
static inline void keel_require(bool cond, const char *msg) {
    if (!cond) keel_abort_str(msg);
}

/** Logs a NUL-terminated debug message. */
static inline void keel_log_str(const char *msg) { keel_log(msg, keel_strlen(msg)); }

/* ------------------------------------------------------------------------------------------
 * Bump allocator. Memory is never freed: every call starts from a fresh instance, so the
 * heap is reset between calls. Grows memory 0 as needed (1000 fuel per 64 KiB page).
 * ---------------------------------------------------------------------------------------- */

/** First free byte after the static data and the stack (provided by wasm-ld). */
extern unsigned char __heap_base;

/** Next free heap address; 0 until the first allocation. Weak: one per module. */
__attribute__((weak)) uintptr_t keel_heap_next_ = 0;

/**
 * Returns `size` bytes of uninitialized memory aligned to 8 bytes, growing memory when
 * needed. Aborts with "out of memory" when memory cannot grow.
 */
static inline void *keel_alloc(uint32_t size) {
    if (keel_heap_next_ == 0) keel_heap_next_ = (uintptr_t)&__heap_base;
    uintptr_t start = (keel_heap_next_ + 7u) & ~(uintptr_t)7u;
    uintptr_t end;
    if (start < keel_heap_next_ || __builtin_add_overflow(start, (uintptr_t)size, &end)) {
        keel_abort_str("out of memory");
    }
    uintptr_t have = __builtin_wasm_memory_size(0) * 65536u; /* 0 when memory is 4 GiB */
    if (have != 0 && end > have) {
        uintptr_t missing = end - have;
        uintptr_t pages = missing / 65536u + (missing % 65536u != 0);
        if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) keel_abort_str("out of memory");
    }
    keel_heap_next_ = end;
    return (void *)start;
}

/* ------------------------------------------------------------------------------------------
 * Little-endian integers and checked arithmetic
 * ---------------------------------------------------------------------------------------- */

/** Reads a little-endian u64 from 8 bytes at `p` (any alignment). */
static inline uint64_t keel_load_u64_le(const void *p) {
    const uint8_t *b = (const uint8_t *)p;
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | b[i];
    return v;
}

/** Writes `v` as a little-endian u64 to 8 bytes at `p` (any alignment). */
static inline void keel_store_u64_le(void *p, uint64_t v) {
    uint8_t *b = (uint8_t *)p;
    for (int i = 0; i < 8; i++) b[i] = (uint8_t)(v >> (8 * i));
}

/** Reads a little-endian u32 from 4 bytes at `p` (any alignment). */
static inline uint32_t keel_load_u32_le(const void *p) {
    const uint8_t *b = (const uint8_t *)p;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/** Writes `v` as a little-endian u32 to 4 bytes at `p` (any alignment). */
static inline void keel_store_u32_le(void *p, uint32_t v) {
    uint8_t *b = (uint8_t *)p;
    for (int i = 0; i < 4; i++) b[i] = (uint8_t)(v >> (8 * i));
}

/** a + b, aborting with "overflow" when the sum does not fit in a u64. */
static inline uint64_t keel_add_u64(uint64_t a, uint64_t b) {
    uint64_t r;
    if (__builtin_add_overflow(a, b, &r)) keel_abort_str("overflow");
    return r;
}

/** a - b, aborting with "underflow" when b > a. */
static inline uint64_t keel_sub_u64(uint64_t a, uint64_t b) {
    uint64_t r;
    if (__builtin_sub_overflow(a, b, &r)) keel_abort_str("underflow");
    return r;
}

/* ------------------------------------------------------------------------------------------
 * Input
 * ---------------------------------------------------------------------------------------- */

/**
 * Reads the whole input into a freshly allocated buffer and stores its length in `*len`.
 * The buffer is never NULL (an empty input gives a valid zero-length buffer).
 */
static inline uint8_t *keel_input(uint32_t *len) {
    uint32_t n = keel_input_size();
    uint8_t *buf = (uint8_t *)keel_alloc(n);
    if (n != 0) keel_input_read(buf);
    *len = n;
    return buf;
}

/**
 * Reads an input of exactly `len` bytes into `dst` (which holds at least `len` bytes);
 * aborts with "bad input length" when the input has another length.
 */
static inline void keel_input_exact(void *dst, uint32_t len) {
    if (keel_input_size() != len) keel_abort_str("bad input length");
    if (len != 0) keel_input_read(dst);
}

/** Aborts with "bad input length" unless the input is empty. */
static inline void keel_input_none(void) {
    if (keel_input_size() != 0) keel_abort_str("bad input length");
}

/**
 * Sequential reader over a byte buffer. Every read is bounds checked and aborts with
 * "bad input length" when the buffer is too short, so a parser never reads past its input.
 */
typedef struct {
    const uint8_t *data;
    uint32_t len;
    uint32_t pos;
} keel_reader;

/** A reader over `len` bytes at `data`. */
static inline keel_reader keel_reader_new(const uint8_t *data, uint32_t len) {
    keel_reader r = {data, len, 0};
    return r;
}

/** Bytes not read yet. */
static inline uint32_t keel_reader_remaining(const keel_reader *r) { return r->len - r->pos; }

/** Returns a pointer to the next `n` bytes and advances past them. */
static inline const uint8_t *keel_read_bytes(keel_reader *r, uint32_t n) {
    if (n > keel_reader_remaining(r)) keel_abort_str("bad input length");
    const uint8_t *p = r->data + r->pos;
    r->pos += n;
    return p;
}

/** Reads one byte. */
static inline uint8_t keel_read_u8(keel_reader *r) { return *keel_read_bytes(r, 1); }

/** Reads a little-endian u64. */
static inline uint64_t keel_read_u64(keel_reader *r) {
    return keel_load_u64_le(keel_read_bytes(r, 8));
}

/** Returns the unread rest of the buffer (possibly empty) and its length in `*len`. */
static inline const uint8_t *keel_read_rest(keel_reader *r, uint32_t *len) {
    *len = keel_reader_remaining(r);
    return keel_read_bytes(r, *len);
}

/** Aborts with "bad input length" unless every byte has been read. */
static inline void keel_reader_finish(const keel_reader *r) {
    if (keel_reader_remaining(r) != 0) keel_abort_str("bad input length");
}

/* ------------------------------------------------------------------------------------------
 * Return data
 * ---------------------------------------------------------------------------------------- */

/** Sets the return data to `len` bytes at `ptr` (≤ KEEL_MAX_RETURN_SIZE). */
static inline void keel_return(const void *ptr, uint32_t len) { keel_return_data(ptr, len); }

/** Returns `v` as 8 bytes, little-endian. */
static inline void keel_return_u64(uint64_t v) {
    uint8_t b[8];
    keel_store_u64_le(b, v);
    keel_return_data(b, 8);
}

/** Returns a single byte. */
static inline void keel_return_u8(uint8_t v) { keel_return_data(&v, 1); }

/* ------------------------------------------------------------------------------------------
 * Storage helpers
 * ---------------------------------------------------------------------------------------- */

/**
 * Reads a u64 stored as 8 little-endian bytes under `key`; returns `absent` when the key is
 * missing. Aborts with "corrupt storage" when the stored value is not 8 bytes long.
 */
static inline uint64_t keel_storage_get_u64(const void *key, uint32_t key_len,
                                            uint64_t absent) {
    uint8_t b[8];
    int32_t n = keel_storage_get(key, key_len, b, sizeof b);
    if (n == KEEL_STORAGE_ABSENT) return absent;
    if (n != 8) keel_abort_str("corrupt storage");
    return keel_load_u64_le(b);
}

/** Stores `v` under `key` as 8 little-endian bytes. */
static inline void keel_storage_set_u64(const void *key, uint32_t key_len, uint64_t v) {
    uint8_t b[8];
    keel_store_u64_le(b, v);
    keel_storage_set(key, key_len, b, 8);
}

/**
 * Reads the whole value under `key` into a freshly allocated buffer. Returns NULL when the
 * key is absent; otherwise stores the length in `*len`.
 */
static inline uint8_t *keel_storage_get_alloc(const void *key, uint32_t key_len,
                                              uint32_t *len) {
    uint8_t probe;
    int32_t n = keel_storage_get(key, key_len, &probe, 0);
    if (n == KEEL_STORAGE_ABSENT) return NULL;
    uint8_t *buf = (uint8_t *)keel_alloc((uint32_t)n);
    keel_storage_get(key, key_len, buf, (uint32_t)n);
    *len = (uint32_t)n;
    return buf;
}

/** Key length of a non-end keel_storage_next result. */
static inline uint32_t keel_next_key_len(int64_t r) { return (uint32_t)((uint64_t)r >> 32); }

/** Value length of a non-end keel_storage_next result. */
static inline uint32_t keel_next_value_len(int64_t r) { return (uint32_t)(uint64_t)r; }

/* ------------------------------------------------------------------------------------------
 * Events and calls
 * ---------------------------------------------------------------------------------------- */

/** Emits an event whose topic is the NUL-terminated string `topic`. */
static inline void keel_emit(const char *topic, const void *data, uint32_t data_len) {
    keel_emit_event(topic, keel_strlen(topic), data, data_len);
}

/**
 * Copies the last call's result into a freshly allocated buffer (never NULL) and stores its
 * length in `*len`.
 */
static inline uint8_t *keel_call_result(uint32_t *len) {
    uint32_t n = keel_call_result_size();
    uint8_t *buf = (uint8_t *)keel_alloc(n);
    if (n != 0) keel_call_result_read(buf);
    *len = n;
    return buf;
}

#ifdef __cplusplus
}
#endif

#endif /* KEEL_H */
