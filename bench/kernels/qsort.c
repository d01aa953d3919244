/* Quicksort (recursive, Hoare partition, middle pivot) of a static array of
 * 512 pseudo-random u32 values from a linear congruential generator seeded
 * with the iteration counter. */
#include "keel_bench.h"

#define LEN 512

static u32 data[LEN];

static void quicksort(u32 *a, int lo, int hi) {
    while (lo < hi) {
        u32 pivot = a[lo + (hi - lo) / 2];
        int i = lo - 1, j = hi + 1;
        for (;;) {
            do i++; while (a[i] < pivot);
            do j--; while (a[j] > pivot);
            if (i >= j) break;
            u32 t = a[i]; a[i] = a[j]; a[j] = t;
        }
        /* Recurse into the smaller side, loop on the larger one. */
        if (j - lo < hi - j) { quicksort(a, lo, j); lo = j + 1; }
        else { quicksort(a, j + 1, hi); hi = j; }
    }
}

KEEL_EXPORT u32 run(int n) {
    u32 acc = 0;
    for (int i = 0; i < n; i++) {
        u32 x = 12345u + (u32)i * 2654435761u;
        for (int k = 0; k < LEN; k++) {
            x = x * 1664525u + 1013904223u;
            data[k] = x ^ (x >> 15);
        }
        quicksort(data, 0, LEN - 1);
        acc = acc * 31 + data[0] + data[LEN / 2] * 3 + data[LEN - 1] * 7 + data[i & (LEN - 1)];
    }
    return acc;
}
