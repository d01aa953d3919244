/* 256-bit multiply-add on 32-bit limbs: r = a * b + c (mod 2^256), little-
 * endian limbs, 64-bit intermediate products. One iteration: 128 multiply-adds
 * chained through two accumulators. */
#include "keel_bench.h"

#define LIMBS 8

static u32 acc0[LIMBS], acc1[LIMBS], mulx[LIMBS], addy[LIMBS];

/* r must not alias a or b. */
static void muladd256(u32 *r, const u32 *a, const u32 *b, const u32 *c) {
    u64 carry = 0;
    for (int j = 0; j < LIMBS; j++) {
        u64 p = (u64)a[0] * b[j] + c[j] + carry;
        r[j] = (u32)p;
        carry = p >> 32;
    }
    for (int i = 1; i < LIMBS; i++) {
        carry = 0;
        for (int j = 0; i + j < LIMBS; j++) {
            u64 p = (u64)a[i] * b[j] + r[i + j] + carry;
            r[i + j] = (u32)p;
            carry = p >> 32;
        }
    }
}

KEEL_EXPORT u32 run(int n) {
    u32 x = 0x9E3779B9u;
    for (int i = 0; i < LIMBS; i++) {
        x = x * 1664525u + 1013904223u; acc0[i] = x;
        x = x * 1664525u + 1013904223u; mulx[i] = x | 1;
        x = x * 1664525u + 1013904223u; addy[i] = x;
    }
    for (int i = 0; i < n; i++) {
        addy[i & 7] += (u32)i;
        for (int k = 0; k < 64; k++) {
            muladd256(acc1, acc0, mulx, addy);
            muladd256(acc0, acc1, mulx, addy);
        }
    }
    u32 h = 0;
    for (int i = 0; i < LIMBS; i++) h = rotl32(h, 5) ^ acc0[i];
    return h;
}
