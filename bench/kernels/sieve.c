/* Sieve of Eratosthenes over a static byte array (about 16K entries).
 * Even numbers start out marked, so only odd primes are sieved. The limit
 * varies slightly with the iteration so no two iterations are identical. */
#include "keel_bench.h"

#define LIMIT 16384

static u8 composite[LIMIT];

static u32 sieve(u32 limit) {
    /* Initial marks: even numbers are composite (not a constant fill, so the
     * compiler does not turn this into a memset call). */
    for (u32 j = 0; j < limit; j++) composite[j] = (u8)((j & 1) ^ 1);
    u32 count = limit > 2 ? 1 : 0; /* the prime 2 */
    for (u32 p = 3; p < limit; p += 2) {
        if (composite[p]) continue;
        count++;
        for (u32 m = p * p; m < limit; m += 2 * p) composite[m] = 1;
    }
    return count;
}

KEEL_EXPORT u32 run(int n) {
    u32 acc = 0;
    for (int i = 0; i < n; i++) acc = acc * 33 + sieve(LIMIT - (u32)(i & 63));
    return acc;
}
