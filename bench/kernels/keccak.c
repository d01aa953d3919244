/* Keccak-f[1600] permutation, written from FIPS 202 (theta, rho, pi, chi,
 * iota on a 5x5 array of 64-bit lanes, lane (x, y) at index x + 5y).
 * One iteration: absorb the counter into the state, then two permutations. */
#include "keel_bench.h"

static const u64 RC[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808Aull, 0x8000000080008000ull,
    0x000000000000808Bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008Aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000Aull,
    0x000000008000808Bull, 0x800000000000008Bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800Aull, 0x800000008000000Aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};

/* Rotation offsets r[x, y], indexed x + 5y. */
static const u8 ROT[25] = {
     0,  1, 62, 28, 27,
    36, 44,  6, 55, 20,
     3, 10, 43, 25, 39,
    41, 45, 15, 21,  8,
    18,  2, 61, 56, 14,
};

static u64 state[25];

static void keccak_f1600(u64 *a) {
    for (int round = 0; round < 24; round++) {
        u64 c[5], d[5], b[25];
        /* theta */
        for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        for (int x = 0; x < 5; x++) d[x] = c[(x + 4) % 5] ^ rotl64(c[(x + 1) % 5], 1);
        for (int i = 0; i < 25; i++) a[i] ^= d[i % 5];
        /* rho and pi: B[y, 2x + 3y] = rot(A[x, y], r[x, y]) */
        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 5; x++)
                b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl64(a[x + 5 * y], ROT[x + 5 * y]);
        /* chi */
        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 5; x++)
                a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
        /* iota */
        a[0] ^= RC[round];
    }
}

KEEL_EXPORT u32 run(int n) {
    for (int i = 0; i < 25; i++) state[i] = (u64)i * 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < n; i++) {
        state[i % 17] ^= (u64)(u32)i;
        keccak_f1600(state);
        keccak_f1600(state);
    }
    u64 h = 0;
    for (int i = 0; i < 25; i++) h = h * 0x100000001B3ull ^ state[i];
    return fold64(h);
}
