/*
 * relay — forwards a call to another contract and reports its status and result; a helper
 * for testing cross-contract calls. Specification: README.md in this directory.
 */
#include "keel.h"

#define ADDR KEEL_ADDRESS_SIZE

/* Storage layout. */
static const char CALLS_KEY[] = "relay_calls";  /* → u64 LE, forwards started */
#define CALLS_KEY_LEN (sizeof CALLS_KEY - 1)
static const char STATUS_KEY[] = "last_status"; /* → u8, status of the last forward */
#define STATUS_KEY_LEN (sizeof STATUS_KEY - 1)

/**
 * Parses target[32] ‖ method length u8 ‖ method ‖ inner input (the rest) from `r`, counts
 * the forward, calls the target with `fuel`, records and emits the status, and returns
 * status u8 ‖ call result (truncated to fit the return-data limit).
 */
static void forward_with(keel_reader *r, uint64_t fuel) {
    const uint8_t *target = keel_read_bytes(r, ADDR);
    uint32_t method_len = keel_read_u8(r);
    const uint8_t *method = keel_read_bytes(r, method_len);
    uint32_t inner_len;
    const uint8_t *inner = keel_read_rest(r, &inner_len);

    uint64_t calls = keel_add_u64(keel_storage_get_u64(CALLS_KEY, CALLS_KEY_LEN, 0), 1);
    keel_storage_set_u64(CALLS_KEY, CALLS_KEY_LEN, calls);

    uint8_t status = (uint8_t)keel_call(target, method, method_len, inner, inner_len, fuel);
    keel_storage_set(STATUS_KEY, STATUS_KEY_LEN, &status, 1);
    keel_emit("forwarded", &status, 1);

    uint32_t result_len = keel_call_result_size();
    uint8_t *out = (uint8_t *)keel_alloc(1 + result_len);
    out[0] = status;
    if (result_len != 0) keel_call_result_read(out + 1);
    uint32_t kept = result_len < KEEL_MAX_RETURN_SIZE - 1 ? result_len : KEEL_MAX_RETURN_SIZE - 1;
    keel_return(out, 1 + kept);
}

/** Input target[32] ‖ method length u8 ‖ method ‖ inner input: forwards with all fuel. */
KEEL_EXPORT(forward) void forward(void) {
    uint32_t len;
    const uint8_t *in = keel_input(&len);
    keel_reader r = keel_reader_new(in, len);
    forward_with(&r, KEEL_CALL_ALL_FUEL);
}

/** Input fuel u64 LE ‖ the input of `forward`: forwards with at most `fuel`. */
KEEL_EXPORT(forward_fuel) void forward_fuel(void) {
    uint32_t len;
    const uint8_t *in = keel_input(&len);
    keel_reader r = keel_reader_new(in, len);
    uint64_t fuel = keel_read_u64(&r);
    forward_with(&r, fuel);
}

/** Empty input: returns the number of forwards started, u64 LE. */
KEEL_EXPORT(calls) void calls(void) {
    keel_input_none();
    keel_return_u64(keel_storage_get_u64(CALLS_KEY, CALLS_KEY_LEN, 0));
}

/** Empty input: returns the last forward's status u8, or nothing before the first forward. */
KEEL_EXPORT(last_status) void last_status(void) {
    keel_input_none();
    uint8_t status;
    int32_t n = keel_storage_get(STATUS_KEY, STATUS_KEY_LEN, &status, 1);
    if (n == KEEL_STORAGE_ABSENT) {
        keel_return(&status, 0);
        return;
    }
    if (n != 1) keel_abort_str("corrupt storage");
    keel_return_u8(status);
}
