/*
 * multisig — a k-of-n secp256k1 multisig wallet holding native tokens.
 * Specification: README.md in this directory.
 */
#include "keel.h"

#define ADDR KEEL_ADDRESS_SIZE
#define PUBKEY_SIZE KEEL_SECP256K1_COMPRESSED_KEY_SIZE /* 33 */
#define SIG_SIZE KEEL_SIGNATURE_SIZE                   /* 64 */
#define MAX_OWNERS 16u
#define CONFIG_HEADER 2u                   /* threshold u8 ‖ owner count u8 */
#define MAX_CONFIG_SIZE (CONFIG_HEADER + MAX_OWNERS * PUBKEY_SIZE)
#define EXECUTE_HEADER (ADDR + 8 + 1)      /* to[32] ‖ amount u64 ‖ signature count u8 */
#define SIG_ENTRY_SIZE (1 + SIG_SIZE)      /* owner index u8 ‖ compact signature */

/* Storage layout. */
static const char CONFIG_KEY[] = "config"; /* → threshold u8 ‖ count u8 ‖ count × key[33] */
#define CONFIG_KEY_LEN (sizeof CONFIG_KEY - 1)
static const char NONCE_KEY[] = "nonce";   /* → u64 LE */
#define NONCE_KEY_LEN (sizeof NONCE_KEY - 1)

/** Domain separator at the start of every signed message. */
static const char DOMAIN[] = "keel-multisig"; /* 13 bytes, no NUL */
#define DOMAIN_LEN (sizeof DOMAIN - 1)
#define MESSAGE_SIZE (DOMAIN_LEN + ADDR + 8 + ADDR + 8) /* 93 */

/** The wallet configuration, as stored. */
typedef struct {
    uint8_t threshold;
    uint8_t count;
    const uint8_t *keys; /* count × PUBKEY_SIZE bytes */
} config;

/* ---- configuration ---------------------------------------------------------------------- */

/**
 * Validates a configuration encoding (threshold u8 ‖ count u8 ‖ count × key[33]); aborts
 * with the messages listed in README.md.
 */
static config config_parse(const uint8_t *data, uint32_t len) {
    if (len < CONFIG_HEADER) keel_abort_str("bad input length");
    config c = {data[0], data[1], data + CONFIG_HEADER};
    if (c.count < 1 || c.count > MAX_OWNERS) keel_abort_str("invalid owner count");
    if (c.threshold < 1 || c.threshold > c.count) keel_abort_str("invalid threshold");
    if (len != CONFIG_HEADER + (uint32_t)c.count * PUBKEY_SIZE) keel_abort_str("bad input length");
    for (uint32_t i = 0; i < c.count; i++) {
        const uint8_t *key = c.keys + i * PUBKEY_SIZE;
        if (key[0] != 0x02 && key[0] != 0x03) keel_abort_str("invalid public key");
        for (uint32_t j = 0; j < i; j++) {
            if (keel_mem_eq(key, c.keys + j * PUBKEY_SIZE, PUBKEY_SIZE)) {
                keel_abort_str("duplicate owner");
            }
        }
    }
    return c;
}

/** Loads the stored configuration into `buf`; aborts with "not initialized" when absent. */
static config config_load(uint8_t buf[MAX_CONFIG_SIZE], uint32_t *len) {
    int32_t n = keel_storage_get(CONFIG_KEY, CONFIG_KEY_LEN, buf, MAX_CONFIG_SIZE);
    if (n == KEEL_STORAGE_ABSENT) keel_abort_str("not initialized");
    if (n < (int32_t)CONFIG_HEADER || n > (int32_t)MAX_CONFIG_SIZE) {
        keel_abort_str("corrupt storage");
    }
    *len = (uint32_t)n;
    config c = {buf[0], buf[1], buf + CONFIG_HEADER};
    if (c.count < 1 || c.count > MAX_OWNERS || c.threshold < 1 || c.threshold > c.count ||
        *len != CONFIG_HEADER + (uint32_t)c.count * PUBKEY_SIZE) {
        keel_abort_str("corrupt storage");
    }
    return c;
}

static uint64_t nonce_load(void) { return keel_storage_get_u64(NONCE_KEY, NONCE_KEY_LEN, 0); }

/* ---- execute ---------------------------------------------------------------------------- */

/**
 * Checks every signature entry's owner index (< count, no repeats); aborts with
 * "invalid signer index" or "duplicate signer".
 */
static void check_signers(const config *c, const uint8_t *entries, uint32_t n) {
    uint32_t seen = 0; /* bit i set: owner i already signed (count ≤ 16) */
    for (uint32_t i = 0; i < n; i++) {
        uint8_t index = entries[i * SIG_ENTRY_SIZE];
        if (index >= c->count) keel_abort_str("invalid signer index");
        if (seen & (1u << index)) keel_abort_str("duplicate signer");
        seen |= 1u << index;
    }
}

/**
 * Computes the message hash sha256("keel-multisig" ‖ self[32] ‖ nonce u64 LE ‖ to[32] ‖
 * amount u64 LE) into `hash`.
 */
static void message_hash(uint8_t hash[KEEL_HASH_SIZE], uint64_t nonce_value, const uint8_t *to,
                         uint64_t amount) {
    uint8_t msg[MESSAGE_SIZE];
    uint8_t *p = msg;
    keel_memcpy(p, DOMAIN, DOMAIN_LEN);
    p += DOMAIN_LEN;
    keel_self_address(p);
    p += ADDR;
    keel_store_u64_le(p, nonce_value);
    p += 8;
    keel_memcpy(p, to, ADDR);
    p += ADDR;
    keel_store_u64_le(p, amount);
    keel_sha256(msg, sizeof msg, hash);
}

/** Verifies every signature entry against `hash`; aborts with "invalid signature". */
static void verify_signatures(const config *c, const uint8_t *hash, const uint8_t *entries,
                              uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *entry = entries + i * SIG_ENTRY_SIZE;
        const uint8_t *key = c->keys + (uint32_t)entry[0] * PUBKEY_SIZE;
        if (keel_secp256k1_verify(hash, entry + 1, key, PUBKEY_SIZE) != 1) {
            keel_abort_str("invalid signature");
        }
    }
}

/* ---- methods ---------------------------------------------------------------------------- */

/** Deploy: input threshold u8 ‖ count u8 ‖ count × compressed public key[33]. */
KEEL_EXPORT(init) void init(void) {
    uint8_t buf[MAX_CONFIG_SIZE];
    uint32_t len = keel_input_size();
    if (len > MAX_CONFIG_SIZE) keel_abort_str("bad input length");
    if (len != 0) keel_input_read(buf);
    config_parse(buf, len);
    keel_storage_set(CONFIG_KEY, CONFIG_KEY_LEN, buf, len);
    keel_storage_set_u64(NONCE_KEY, NONCE_KEY_LEN, 0);
}

/**
 * Input to[32] ‖ amount u64 LE ‖ n u8 ‖ n × (owner index u8 ‖ signature[64]): transfers
 * `amount` native tokens to `to` when at least `threshold` distinct owners signed the
 * message of the current nonce. Returns the new nonce u64 LE.
 */
KEEL_EXPORT(execute) void execute(void) {
    uint32_t len;
    const uint8_t *in = keel_input(&len);
    keel_reader r = keel_reader_new(in, len);
    const uint8_t *to = keel_read_bytes(&r, ADDR);
    uint64_t amount = keel_read_u64(&r);
    uint32_t n = keel_read_u8(&r);
    const uint8_t *entries = keel_read_bytes(&r, n * SIG_ENTRY_SIZE);
    keel_reader_finish(&r);

    uint8_t config_buf[MAX_CONFIG_SIZE];
    uint32_t config_len;
    config c = config_load(config_buf, &config_len);
    check_signers(&c, entries, n);
    if (n < c.threshold) keel_abort_str("not enough signatures");

    uint64_t current = nonce_load();
    uint8_t hash[KEEL_HASH_SIZE];
    message_hash(hash, current, to, amount);
    verify_signatures(&c, hash, entries, n);

    uint64_t next = keel_add_u64(current, 1);
    keel_storage_set_u64(NONCE_KEY, NONCE_KEY_LEN, next);
    if (keel_transfer(to, amount) != KEEL_TRANSFER_OK) keel_abort_str("insufficient balance");

    uint8_t event[8 + ADDR + 8];
    keel_store_u64_le(event, current);
    keel_memcpy(event + 8, to, ADDR);
    keel_store_u64_le(event + 8 + ADDR, amount);
    keel_emit("executed", event, sizeof event);
    keel_return_u64(next);
}

/** Empty input: returns the current nonce u64 LE (the one the next execute must sign). */
KEEL_EXPORT(nonce) void nonce(void) {
    keel_input_none();
    keel_return_u64(nonce_load());
}

/** Empty input: returns threshold u8 ‖ count u8 ‖ count × key[33], as given to init. */
KEEL_EXPORT(owners) void owners(void) {
    keel_input_none();
    uint8_t buf[MAX_CONFIG_SIZE];
    uint32_t len;
    config_load(buf, &len);
    keel_return(buf, len);
}

/** Empty input: returns this wallet's native balance u64 LE. */
KEEL_EXPORT(balance) void balance(void) {
    keel_input_none();
    uint8_t self[ADDR];
    keel_self_address(self);
    keel_return_u64(keel_balance(self));
}
