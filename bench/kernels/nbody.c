/* Float n-body step (f64): 16 bodies, all pairs (120 per step), velocity and
 * position update with a softened inverse-cube force. Two steps per
 * iteration. Pure IEEE arithmetic and sqrt, so native and Wasm results are
 * bit-identical; the checksum is taken from the bits of the final energy. */
#include "keel_bench.h"

#define NB 16

static double px[NB], py[NB], pz[NB], vx[NB], vy[NB], vz[NB], mass[NB];

static double unit(u64 *s) { /* deterministic value in [0, 1) */
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(*s >> 11) * (1.0 / 9007199254740992.0);
}

static void init(void) {
    u64 s = 42;
    for (int i = 0; i < NB; i++) {
        px[i] = unit(&s) * 10.0 - 5.0;
        py[i] = unit(&s) * 10.0 - 5.0;
        pz[i] = unit(&s) * 10.0 - 5.0;
        vx[i] = unit(&s) - 0.5;
        vy[i] = unit(&s) - 0.5;
        vz[i] = unit(&s) - 0.5;
        mass[i] = 0.5 + unit(&s);
    }
}

static void step(double dt) {
    for (int i = 0; i < NB; i++)
        for (int j = i + 1; j < NB; j++) {
            double dx = px[i] - px[j], dy = py[i] - py[j], dz = pz[i] - pz[j];
            double d2 = dx * dx + dy * dy + dz * dz + 0.01;
            double mag = dt / (d2 * __builtin_sqrt(d2));
            double mi = mass[i] * mag, mj = mass[j] * mag;
            vx[i] -= dx * mj; vy[i] -= dy * mj; vz[i] -= dz * mj;
            vx[j] += dx * mi; vy[j] += dy * mi; vz[j] += dz * mi;
        }
    for (int i = 0; i < NB; i++) {
        px[i] += dt * vx[i]; py[i] += dt * vy[i]; pz[i] += dt * vz[i];
    }
}

static double energy(void) {
    double e = 0.0;
    for (int i = 0; i < NB; i++) {
        e += 0.5 * mass[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
        for (int j = i + 1; j < NB; j++) {
            double dx = px[i] - px[j], dy = py[i] - py[j], dz = pz[i] - pz[j];
            e -= mass[i] * mass[j] / __builtin_sqrt(dx * dx + dy * dy + dz * dz + 0.01);
        }
    }
    return e;
}

KEEL_EXPORT u32 run(int n) {
    init();
    for (int i = 0; i < n; i++) {
        step(0.001);
        step(0.001);
    }
    union { double d; u64 u; } bits;
    bits.d = energy();
    return fold64(bits.u);
}
