/*
 * Freestanding runtime for Embedded Swift contracts on Keel (contract ABI v1).
 *
 * Embedded Swift needs a handful of C symbols that a hosted platform gets from libc. A
 * contract has no libc: this file provides them, and nothing else, for wasm32.
 *
 *   memcpy, memmove, memset, memcmp   bulk-memory instructions / a byte loop
 *   posix_memalign, malloc, calloc,   a bump allocator over the heap (from __heap_base,
 *   free                              growing memory 0 on demand); free does nothing.
 *                                     Every call runs in a fresh instance, so memory is
 *                                     never reused across calls and the leak is bounded
 *                                     by the call's fuel.
 *   putchar                           Swift's print(): bytes are buffered and each line
 *                                     is sent to the host's `log` (debug output).
 *   keel_rt_scratch                   a static buffer of KEEL_RT_SCRATCH_SIZE bytes the
 *                                     SDK uses to receive variable-size host results.
 *
 * Deliberately absent: arc4random_buf. Embedded Swift uses it to seed Hasher and for
 * SystemRandomNumberGenerator; without it a contract using Dictionary, Set or random
 * numbers fails to link (`undefined symbol: arc4random_buf`) instead of silently getting
 * fake randomness. (Dictionary and Set also use floating point, which contracts may not.)
 *
 * Compile: clang --target=wasm32-unknown-unknown -ffreestanding -nostdlib -Os -c
 */

typedef __SIZE_TYPE__ size_t;
typedef unsigned char u8;

#define KEEL_IMPORT(name) __attribute__((import_module("keel_v1"), import_name(#name)))

/* The same symbol names as the Swift SDK's declarations, so the module imports each
 * host function once. */
KEEL_IMPORT(abort) void keel_v1_abort(const void *ptr, int len);
KEEL_IMPORT(log) void keel_v1_log(const void *ptr, int len);

static void rt_abort(const char *message, int len) {
  keel_v1_abort(message, len);
  __builtin_unreachable();
}

/* ---- memory ---------------------------------------------------------------------- */

void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
  __builtin_memcpy(dst, src, n); /* memory.copy (bulk memory) */
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  __builtin_memmove(dst, src, n); /* memory.copy handles overlap */
  return dst;
}

void *memset(void *dst, int c, size_t n) {
  __builtin_memset(dst, c, n); /* memory.fill */
  return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
  const u8 *p = a, *q = b;
  for (size_t i = 0; i < n; i++) {
    if (p[i] != q[i]) return (int)p[i] - (int)q[i];
  }
  return 0;
}

/* ---- bump allocator ---------------------------------------------------------------- */

extern u8 __heap_base; /* defined by wasm-ld: the first byte after the stack and data */

static size_t heap_top; /* 0 until the first allocation */

static void *bump(size_t alignment, size_t size) {
  if (heap_top == 0) heap_top = (size_t)&__heap_base;
  if (alignment < 16) alignment = 16;
  if ((alignment & (alignment - 1)) != 0) return 0;
  size_t start = (heap_top + alignment - 1) & ~(alignment - 1);
  if (start < heap_top || size > (size_t)0 - start) {
    rt_abort("out of memory", 13);
  }
  size_t end = start + size;
  size_t have = __builtin_wasm_memory_size(0) * (size_t)65536;
  if (end > have) {
    size_t missing = end - have;
    size_t pages = missing / 65536 + (missing % 65536 != 0);
    if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) {
      rt_abort("out of memory", 13);
    }
  }
  heap_top = end;
  return (void *)start;
}

int posix_memalign(void **out, size_t alignment, size_t size) {
  void *p = bump(alignment, size);
  if (p == 0) return 22; /* EINVAL: alignment is not a power of two */
  *out = p;
  return 0;
}

void *malloc(size_t size) { return bump(16, size); }

void *calloc(size_t count, size_t size) {
  if (size != 0 && count > (size_t)-1 / size) rt_abort("out of memory", 13);
  /* Heap memory is handed out once and starts zeroed; clear it anyway, as calloc must. */
  void *p = bump(16, count * size);
  memset(p, 0, count * size);
  return p;
}

void free(void *p) { (void)p; }

/* ---- print() -> log ----------------------------------------------------------------- */

#define LOG_LINE_MAX 4096 /* the ABI's log message limit */
static u8 log_line[LOG_LINE_MAX];
static int log_len;

int putchar(int c) {
  if (c == '\n') {
    keel_v1_log(log_line, log_len);
    log_len = 0;
    return c;
  }
  if (log_len == LOG_LINE_MAX) {
    keel_v1_log(log_line, log_len);
    log_len = 0;
  }
  log_line[log_len++] = (u8)c;
  return c;
}

/* ---- scratch buffer for host results ------------------------------------------------- */

/* Large enough for the largest storage key (256) followed by the largest value (65536). */
#define KEEL_RT_SCRATCH_SIZE (256 + 65536)
static u8 scratch[KEEL_RT_SCRATCH_SIZE] __attribute__((aligned(16)));

u8 *keel_rt_scratch(void) { return scratch; }
