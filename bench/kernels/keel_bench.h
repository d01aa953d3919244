/* Shared definitions for the Keel benchmark kernels.
 *
 * The kernels use no libc. Fixed-width types keep wasm32 (32-bit `long`) and
 * native x86-64 (64-bit `long`) in agreement, so checksums match bit for bit.
 * Every kernel exports `u32 run(int n)`: n iterations of its work, returning a
 * checksum that depends on all of it. */
#ifndef KEEL_BENCH_H
#define KEEL_BENCH_H

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef int i32;
typedef long long i64;

#ifdef __wasm__
#define KEEL_EXPORT __attribute__((export_name("run")))
#else
#define KEEL_EXPORT
#endif

#define NOINLINE __attribute__((noinline))

static inline u32 rotl32(u32 v, u32 s) { return (v << (s & 31)) | (v >> ((32 - s) & 31)); }
static inline u32 rotr32(u32 v, u32 s) { return (v >> (s & 31)) | (v << ((32 - s) & 31)); }
static inline u64 rotl64(u64 v, u32 s) { return (v << (s & 63)) | (v >> ((64 - s) & 63)); }
static inline u32 fold64(u64 v) { return (u32)v ^ (u32)(v >> 32); }

KEEL_EXPORT u32 run(int n);

#endif
