/*
 * counter — a u64 counter in storage; the smallest useful Keel contract.
 * Specification: README.md in this directory.
 */
#include "keel.h"

/** Storage key of the counter value (u64 LE). */
static const char COUNTER_KEY[] = "counter";
#define COUNTER_KEY_LEN (sizeof COUNTER_KEY - 1)

/** Current counter value; 0 when never written. */
static uint64_t counter_load(void) { return keel_storage_get_u64(COUNTER_KEY, COUNTER_KEY_LEN, 0); }

/** Writes the counter value. */
static void counter_store(uint64_t v) { keel_storage_set_u64(COUNTER_KEY, COUNTER_KEY_LEN, v); }

/** Deploy: input empty (start at 0) or 8 bytes u64 LE start value. */
KEEL_EXPORT(init) void init(void) {
    uint8_t buf[8];
    uint32_t n = keel_input_size();
    if (n == 0) {
        counter_store(0);
        return;
    }
    keel_input_exact(buf, sizeof buf);
    counter_store(keel_load_u64_le(buf));
}

/** Adds 1, emits "incremented" with the new value, returns the new value. */
KEEL_EXPORT(increment) void increment(void) {
    keel_input_none();
    uint64_t v = keel_add_u64(counter_load(), 1);
    uint8_t b[8];
    keel_store_u64_le(b, v);
    counter_store(v);
    keel_emit("incremented", b, sizeof b);
    keel_return(b, sizeof b);
}

/** Adds the u64 LE amount in the input, returns the new value. */
KEEL_EXPORT(add) void add(void) {
    uint8_t in[8];
    keel_input_exact(in, sizeof in);
    uint64_t v = keel_add_u64(counter_load(), keel_load_u64_le(in));
    counter_store(v);
    keel_return_u64(v);
}

/** Returns the current value. */
KEEL_EXPORT(get) void get(void) {
    keel_input_none();
    keel_return_u64(counter_load());
}

/**
 * Writes value + 1000, emits an event, logs, then aborts with "deliberate failure": the write
 * and the event must be reverted, the log kept.
 */
KEEL_EXPORT(fail_after_write) void fail_after_write(void) {
    keel_input_none();
    uint64_t v = keel_add_u64(counter_load(), 1000);
    uint8_t b[8];
    keel_store_u64_le(b, v);
    counter_store(v);
    keel_emit("incremented", b, sizeof b);
    keel_log_str("counter: failing after write");
    keel_abort_str("deliberate failure");
}

/** Logs "hello from counter". */
KEEL_EXPORT(log_hello) void log_hello(void) {
    keel_input_none();
    keel_log_str("hello from counter");
}
