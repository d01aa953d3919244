/*
 * token — a fungible token with balances, allowances and a fixed total supply.
 * Specification: README.md in this directory.
 */
#include "keel.h"

#define ADDR KEEL_ADDRESS_SIZE

/* Storage layout (absent key = 0; a zero balance or allowance is stored as an absent key). */
static const char SUPPLY_KEY[] = "total_supply";    /* → u64 LE */
#define SUPPLY_KEY_LEN (sizeof SUPPLY_KEY - 1)
#define BALANCE_PREFIX 'b'                          /* 'b' ‖ addr[32] → u64 LE */
#define BALANCE_KEY_LEN (1 + ADDR)
#define ALLOWANCE_PREFIX 'a'                        /* 'a' ‖ owner[32] ‖ spender[32] → u64 LE */
#define ALLOWANCE_KEY_LEN (1 + 2 * ADDR)

/** The all-zero address, the `from` of the mint event. */
static const uint8_t ZERO_ADDRESS[ADDR] = {0};

/* ---- storage ---------------------------------------------------------------------------- */

/** Stores `v` under `key`, removing the key when `v` is 0. */
static void put_amount(const uint8_t *key, uint32_t key_len, uint64_t v) {
    if (v == 0) {
        keel_storage_remove(key, key_len);
    } else {
        keel_storage_set_u64(key, key_len, v);
    }
}

static void balance_key(uint8_t key[BALANCE_KEY_LEN], const uint8_t *addr) {
    key[0] = BALANCE_PREFIX;
    keel_memcpy(key + 1, addr, ADDR);
}

static uint64_t balance_get(const uint8_t *addr) {
    uint8_t key[BALANCE_KEY_LEN];
    balance_key(key, addr);
    return keel_storage_get_u64(key, sizeof key, 0);
}

static void balance_put(const uint8_t *addr, uint64_t v) {
    uint8_t key[BALANCE_KEY_LEN];
    balance_key(key, addr);
    put_amount(key, sizeof key, v);
}

static void allowance_key(uint8_t key[ALLOWANCE_KEY_LEN], const uint8_t *owner,
                          const uint8_t *spender) {
    key[0] = ALLOWANCE_PREFIX;
    keel_memcpy(key + 1, owner, ADDR);
    keel_memcpy(key + 1 + ADDR, spender, ADDR);
}

static uint64_t allowance_get(const uint8_t *owner, const uint8_t *spender) {
    uint8_t key[ALLOWANCE_KEY_LEN];
    allowance_key(key, owner, spender);
    return keel_storage_get_u64(key, sizeof key, 0);
}

static void allowance_put(const uint8_t *owner, const uint8_t *spender, uint64_t v) {
    uint8_t key[ALLOWANCE_KEY_LEN];
    allowance_key(key, owner, spender);
    put_amount(key, sizeof key, v);
}

/* ---- events ----------------------------------------------------------------------------- */

/** Emits `topic` with data a[32] ‖ b[32] ‖ amount u64 LE (72 bytes). */
static void emit_pair(const char *topic, const uint8_t *a, const uint8_t *b, uint64_t amount) {
    uint8_t data[2 * ADDR + 8];
    keel_memcpy(data, a, ADDR);
    keel_memcpy(data + ADDR, b, ADDR);
    keel_store_u64_le(data + 2 * ADDR, amount);
    keel_emit(topic, data, sizeof data);
}

/* ---- core ------------------------------------------------------------------------------- */

/**
 * Moves `amount` from `from` to `to` (which may be equal) and emits "transfer".
 * Aborts with "insufficient balance" when `from` holds less than `amount`.
 */
static void move(const uint8_t *from, const uint8_t *to, uint64_t amount) {
    uint64_t from_balance = balance_get(from);
    if (from_balance < amount) keel_abort_str("insufficient balance");
    balance_put(from, from_balance - amount);
    /* Read `to` after writing `from`, so that from == to leaves the balance unchanged. */
    balance_put(to, keel_add_u64(balance_get(to), amount));
    emit_pair("transfer", from, to, amount);
}

/* ---- methods ---------------------------------------------------------------------------- */

/** Deploy: input total supply u64 LE; all of it goes to the deployer. */
KEEL_EXPORT(init) void init(void) {
    uint8_t in[8];
    keel_input_exact(in, sizeof in);
    uint64_t supply = keel_load_u64_le(in);
    uint8_t deployer[ADDR];
    keel_caller(deployer);
    keel_storage_set_u64(SUPPLY_KEY, SUPPLY_KEY_LEN, supply);
    balance_put(deployer, supply);
    emit_pair("transfer", ZERO_ADDRESS, deployer, supply);
}

/** Input to[32] ‖ amount u64 LE: moves amount from the caller to `to`. */
KEEL_EXPORT(transfer) void transfer(void) {
    uint8_t in[ADDR + 8];
    keel_input_exact(in, sizeof in);
    uint8_t from[ADDR];
    keel_caller(from);
    move(from, in, keel_load_u64_le(in + ADDR));
}

/** Input spender[32] ‖ amount u64 LE: sets the caller's allowance for `spender`. */
KEEL_EXPORT(approve) void approve(void) {
    uint8_t in[ADDR + 8];
    keel_input_exact(in, sizeof in);
    uint8_t owner[ADDR];
    keel_caller(owner);
    uint64_t amount = keel_load_u64_le(in + ADDR);
    allowance_put(owner, in, amount);
    emit_pair("approval", owner, in, amount);
}

/**
 * Input owner[32] ‖ to[32] ‖ amount u64 LE: moves amount from `owner` to `to`, spending
 * the allowance `owner` gave the caller.
 */
KEEL_EXPORT(transfer_from) void transfer_from(void) {
    uint8_t in[2 * ADDR + 8];
    keel_input_exact(in, sizeof in);
    const uint8_t *owner = in;
    const uint8_t *to = in + ADDR;
    uint64_t amount = keel_load_u64_le(in + 2 * ADDR);
    uint8_t spender[ADDR];
    keel_caller(spender);
    uint64_t allowed = allowance_get(owner, spender);
    if (allowed < amount) keel_abort_str("insufficient allowance");
    allowance_put(owner, spender, allowed - amount);
    move(owner, to, amount);
}

/** Input addr[32]: returns its balance u64 LE. */
KEEL_EXPORT(balance_of) void balance_of(void) {
    uint8_t in[ADDR];
    keel_input_exact(in, sizeof in);
    keel_return_u64(balance_get(in));
}

/** Input owner[32] ‖ spender[32]: returns the allowance u64 LE. */
KEEL_EXPORT(allowance) void allowance(void) {
    uint8_t in[2 * ADDR];
    keel_input_exact(in, sizeof in);
    keel_return_u64(allowance_get(in, in + ADDR));
}

/** Empty input: returns the total supply u64 LE. */
KEEL_EXPORT(total_supply) void total_supply(void) {
    keel_input_none();
    keel_return_u64(keel_storage_get_u64(SUPPLY_KEY, SUPPLY_KEY_LEN, 0));
}
