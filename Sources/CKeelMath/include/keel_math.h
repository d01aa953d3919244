#ifndef KEEL_MATH_H
#define KEEL_MATH_H

// Square roots for the interpreter's f32.sqrt and f64.sqrt. `__builtin_elementwise_sqrt` is the
// IEEE-754 correctly rounded square root (the single sqrtss/sqrtsd instruction on x86-64) and,
// unlike `sqrt`, never sets errno, so it inlines into the handler without a library call.
// WebAssembly's sqrt is the same correctly rounded operation; a NaN result is an arithmetic NaN.

static inline __attribute__((always_inline)) double keel_sqrt_f64(double x) {
    return __builtin_elementwise_sqrt(x);
}

static inline __attribute__((always_inline)) float keel_sqrt_f32(float x) {
    return __builtin_elementwise_sqrt(x);
}

#endif
