/* 64-bit integer matrix multiply: C = A * B on 32x32 u64 matrices (32,768
 * multiply-adds per iteration). One row of the product is fed back into A so
 * every iteration depends on the previous one. */
#include "keel_bench.h"

#define N 32

static u64 A[N][N], B[N][N], C[N][N];

static void matmul(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            u64 sum = 0;
            for (int k = 0; k < N; k++) sum += A[i][k] * B[k][j];
            C[i][j] = sum;
        }
}

KEEL_EXPORT u32 run(int n) {
    u64 x = 0x0123456789ABCDEFull;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            A[i][j] = x >> 7;
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            B[i][j] = x >> 7;
        }
    u64 check = 0;
    for (int i = 0; i < n; i++) {
        matmul();
        int r = i % N;
        for (int j = 0; j < N; j++) A[r][j] = C[r][j] ^ (u64)(u32)i;
        check = check * 31 + C[N - 1 - r][r];
    }
    return fold64(check);
}
