/* Native self-test of the hash kernels against published test vectors
 * (FIPS 180-4 and FIPS 202 examples), so the benchmark runs real SHA-256 and
 * Keccak-f[1600]. Built and run by run.sh; exits non-zero on failure. */
#include <stdio.h>
#include <string.h>

#define run keccak_run
#include "kernels/keccak.c"
#undef run
#define run sha256_run
#include "kernels/sha256.c"
#undef run

static int check(const char *name, const u8 *got, const char *want_hex) {
    char hex[65];
    for (int i = 0; i < 32; i++) sprintf(hex + 2 * i, "%02x", got[i]);
    int ok = strcmp(hex, want_hex) == 0;
    printf("%s %s: %s\n", ok ? "ok  " : "FAIL", name, hex);
    return ok;
}

/* SHA3-256 of a short message (< 136 bytes): one padded block. */
static void sha3_256(const char *msg, u8 out[32]) {
    u8 block[136] = {0};
    size_t len = strlen(msg);
    memcpy(block, msg, len);
    block[len] ^= 0x06;
    block[135] ^= 0x80;
    u64 a[25] = {0};
    for (int i = 0; i < 17; i++)
        for (int b = 0; b < 8; b++) a[i] |= (u64)block[8 * i + b] << (8 * b);
    keccak_f1600(a);
    for (int i = 0; i < 32; i++) out[i] = (u8)(a[i / 8] >> (8 * (i % 8)));
}

/* SHA-256 of a short message (< 56 bytes): one padded block. */
static void sha256_short(const char *msg, u8 out[32]) {
    u8 bytes[64] = {0};
    size_t len = strlen(msg);
    memcpy(bytes, msg, len);
    bytes[len] = 0x80;
    bytes[63] = (u8)(len * 8);
    bytes[62] = (u8)((len * 8) >> 8);
    u32 m[16], h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (int i = 0; i < 16; i++)
        m[i] = (u32)bytes[4 * i] << 24 | (u32)bytes[4 * i + 1] << 16 | (u32)bytes[4 * i + 2] << 8 | bytes[4 * i + 3];
    sha256_compress(h, m);
    for (int i = 0; i < 32; i++) out[i] = (u8)(h[i / 4] >> (24 - 8 * (i % 4)));
}

int main(void) {
    u8 d[32];
    int ok = 1;
    sha3_256("", d);
    ok &= check("sha3-256(\"\")", d, "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
    sha3_256("abc", d);
    ok &= check("sha3-256(\"abc\")", d, "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
    sha256_short("abc", d);
    ok &= check("sha-256(\"abc\")", d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha256_short("", d);
    ok &= check("sha-256(\"\")", d, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    return ok ? 0 : 1;
}
