/* br_table bytecode dispatcher: a tiny register VM interpreting a fixed
 * program through a dense `switch` (18 opcodes, compiled to br_table).
 * Each instruction is 4 bytes: opcode, a, b, c. The program runs a 200-step
 * hashing loop (about 3,600 dispatches per iteration). */
#include "keel_bench.h"

enum {
    OP_HALT, OP_LI, OP_MOV, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_AND, OP_OR,
    OP_SHL, OP_SHR, OP_ROTL, OP_ADDI, OP_LD, OP_ST, OP_JNZ, OP_DEC, OP_CMPLT,
};

#define IMM16(v) ((v) & 255), ((v) >> 8)
#define LOOP 4

/* Not const: the compiler must treat the program as data. */
static u8 code[] = {
    OP_LI,    0, IMM16(200),     /*  0: r0 = 200 (counter)       */
    OP_LI,    2, IMM16(0x1234),  /*  1: r2 = h                   */
    OP_LI,    3, IMM16(3),       /*  2: r3 = shift               */
    OP_LI,    6, IMM16(0xFF),    /*  3: r6 = mask                */
    OP_MUL,   4, 2, 1,           /*  4: loop: t = h * x          */
    OP_ADDI,  4, 4, 13,          /*  5: t += 13                  */
    OP_XOR,   2, 2, 4,           /*  6: h ^= t                   */
    OP_ROTL,  2, 2, 5,           /*  7: h = rotl(h, 5)           */
    OP_AND,   5, 2, 6,           /*  8: idx = h & 0xFF           */
    OP_LD,    7, 5, 0,           /*  9: m = mem[idx]             */
    OP_ADD,   7, 7, 2,           /* 10: m += h                   */
    OP_ST,    7, 0, 0,           /* 11: mem[counter] = m         */
    OP_SHR,   8, 2, 3,           /* 12: s = h >> 3               */
    OP_OR,    9, 8, 0,           /* 13: s |= counter             */
    OP_SUB,   2, 2, 9,           /* 14: h -= s                   */
    OP_CMPLT, 10, 2, 7,          /* 15: lt = h < m               */
    OP_ADD,   1, 1, 10,          /* 16: x += lt                  */
    OP_MOV,   11, 2, 0,          /* 17: u = h                    */
    OP_SHL,   11, 11, 3,         /* 18: u <<= shift              */
    OP_XOR,   2, 2, 11,          /* 19: h ^= u                   */
    OP_DEC,   0, 0, 0,           /* 20: counter--                */
    OP_JNZ,   0, IMM16(LOOP),    /* 21: if counter goto loop     */
    OP_HALT,  0, 0, 0,           /* 22: return h                 */
};

static u32 regs[16];
static u32 mem[64];

static u32 vm_run(u32 input) {
    u32 pc = 0;
    regs[1] = input;
    for (;;) {
        const u8 *ins = &code[pc * 4];
        u32 a = ins[1], b = ins[2], c = ins[3];
        pc++;
        switch (ins[0]) {
        case OP_HALT:  return regs[2];
        case OP_LI:    regs[a] = b | (c << 8); break;
        case OP_MOV:   regs[a] = regs[b]; break;
        case OP_ADD:   regs[a] = regs[b] + regs[c]; break;
        case OP_SUB:   regs[a] = regs[b] - regs[c]; break;
        case OP_MUL:   regs[a] = regs[b] * regs[c]; break;
        case OP_XOR:   regs[a] = regs[b] ^ regs[c]; break;
        case OP_AND:   regs[a] = regs[b] & regs[c]; break;
        case OP_OR:    regs[a] = regs[b] | regs[c]; break;
        case OP_SHL:   regs[a] = regs[b] << (regs[c] & 31); break;
        case OP_SHR:   regs[a] = regs[b] >> (regs[c] & 31); break;
        case OP_ROTL:  regs[a] = rotl32(regs[b], c); break;
        case OP_ADDI:  regs[a] = regs[b] + c; break;
        case OP_LD:    regs[a] = mem[regs[b] & 63]; break;
        case OP_ST:    mem[regs[b] & 63] = regs[a]; break;
        case OP_JNZ:   if (regs[a] != 0) pc = b | (c << 8); break;
        case OP_DEC:   regs[a] -= 1; break;
        case OP_CMPLT: regs[a] = regs[b] < regs[c]; break;
        default:       return 0xDEADBEEFu; /* bad opcode */
        }
    }
}

KEEL_EXPORT u32 run(int n) {
    u32 acc = 0;
    for (int i = 0; i < n; i++) acc = rotl32(acc, 3) ^ vm_run((u32)i);
    return acc;
}
