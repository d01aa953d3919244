/* Recursive calls: a fib-shaped recursion (about 8,400 calls per iteration).
 * The xor on the second call's result keeps the compiler from turning the
 * recursion into a loop with an accumulator. */
#include "keel_bench.h"

static NOINLINE u32 rec(u32 depth, u32 salt) {
    if (depth < 2) return depth + salt;
    return rec(depth - 1, salt) + (rec(depth - 2, salt + 1) ^ salt);
}

KEEL_EXPORT u32 run(int n) {
    u32 acc = 0;
    for (int i = 0; i < n; i++) acc = acc * 31 + rec(18, (u32)i);
    return acc;
}
