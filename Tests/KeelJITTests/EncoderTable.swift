import KeelJIT

/// One instruction form: the Intel-syntax text the toolchain assembles, and the encoder call.
struct EncoderCase {
    let text: String
    let emit: (inout X64Encoder) -> Void
}

/// Every instruction form the encoder offers, over every register class and addressing mode.
enum EncoderTable {
    static let gprs = GPR.allCases
    static let xmms = XMM.allCases
    static let sizes = OperandSize.allCases
    static let wide: [OperandSize] = [.b16, .b32, .b64]

    /// Every case encoded back to back: the bytes and each case's start offset.
    static func encodeAll() -> (bytes: [UInt8], starts: [Int]) {
        var encoder = X64Encoder()
        var starts: [Int] = []
        for c in all {
            starts.append(encoder.offset)
            c.emit(&encoder)
        }
        return (encoder.buffer.bytes, starts)
    }

    /// Addressing modes: every base (rsp/r12 need SIB, rbp/r13 need disp8), disp 0/8/32,
    /// every index with every scale, no base, RIP-relative.
    static let addresses: [Address] = {
        var result: [Address] = []
        for base in GPR.allCases {
            result.append(Address(base))
            result.append(Address(base, 8))
            result.append(Address(base, -128))
            result.append(Address(base, 0x12345))
        }
        for index in GPR.allCases where index != .rsp {
            result.append(Address(.rbx, index: index, scale: .x4, 16))
        }
        for base in [GPR.rsp, .rbp, .r12, .r13, .rax, .r15] {
            for scale in [Address.Scale.x1, .x2, .x4, .x8] {
                result.append(Address(base, index: .r13, scale: scale))
                result.append(Address(base, index: .rbp, scale: scale, -4))
            }
        }
        result.append(Address(nil, index: .rcx, scale: .x8, 0x40))
        result.append(Address(nil, index: .r12, scale: .x2, -0x40))
        result.append(.rip(0x100))
        result.append(.rip(-8))
        result.append(.absolute(0x1000))
        return result
    }()

    /// A smaller set of modes for the forms multiplied by many registers.
    static let someAddresses: [Address] = [
        Address(.rsp, 8), Address(.rbp), Address(.r12), Address(.r13, 0x100), Address(.r9, index: .r11, scale: .x8, -16),
        .rip(0x20),
    ]

    static var all: [EncoderCase] {
        var cases: [EncoderCase] = []
        func add(_ text: String, _ emit: @escaping (inout X64Encoder) -> Void) { cases.append(EncoderCase(text: text, emit: emit)) }
        let n = Intel.name as (GPR, OperandSize) -> String

        // ALU: reg,reg over all pairs of a size; reg,mem / mem,reg over every address.
        for op in ALUOp.allCases {
            for size in sizes {
                for dst in gprs {
                    for src in [GPR.rax, .rsp, .rbp, .rsi, .rdi, .r8, .r12, .r15] {
                        add("\(op) \(n(dst, size)), \(n(src, size))") { $0.alu(op, dst, src, size) }
                    }
                    for imm: Int32 in size == .b8 ? [1, -1, 127] : [1, -128, 127, 128, -129, 0x7FFF, -0x8000] {
                        add("\(op) \(n(dst, size)), \(imm)") { $0.alu(op, dst, imm: imm, size) }
                    }
                }
                for mem in addresses {
                    add("\(op) \(n(.rdx, size)), \(Intel.ptr(size)) \(Intel.memory(mem))") { $0.alu(op, .rdx, mem, size) }
                }
                for mem in someAddresses {
                    for reg in [GPR.rsi, .r10] {
                        add("\(op) \(Intel.ptr(size)) \(Intel.memory(mem)), \(n(reg, size))") { $0.alu(op, mem, reg, size) }
                        add("\(op) \(n(reg, size)), \(Intel.ptr(size)) \(Intel.memory(mem))") { $0.alu(op, reg, mem, size) }
                    }
                    for imm: Int32 in [5, -100] {
                        add("\(op) \(Intel.ptr(size)) \(Intel.memory(mem)), \(imm)") { $0.alu(op, mem, imm: imm, size) }
                    }
                }
                let bigMem = Address(.rax, index: .rbx, scale: .x2, 1)
                if size != .b8 {
                    add("\(op) \(Intel.ptr(size)) \(Intel.memory(bigMem)), 1000") { $0.alu(op, bigMem, imm: 1000, size) }
                }
            }
        }
        for size in sizes {
            for dst in gprs {
                add("test \(n(dst, size)), \(n(.rdi, size))") { $0.test(dst, .rdi, size) }
                add("test \(n(.r9, size)), \(n(dst, size))") { $0.test(.r9, dst, size) }
                add("test \(n(dst, size)), 100") { $0.test(dst, imm: 100, size) }
            }
            for mem in someAddresses {
                add("test \(Intel.ptr(size)) \(Intel.memory(mem)), \(n(.rbp, size))") { $0.test(mem, .rbp, size) }
                add("test \(Intel.ptr(size)) \(Intel.memory(mem)), 7") { $0.test(mem, imm: 7, size) }
            }
        }

        // Moves.
        for size in sizes {
            for dst in gprs {
                for src in gprs {
                    add("mov \(n(dst, size)), \(n(src, size))") { $0.mov(dst, src, size) }
                }
                let imms: [Int64] =
                    switch size {
                    case .b8: [0, 1, -1, 0x7F]
                    case .b16: [0, 0x1234, -2]
                    case .b32: [0, 1, -1, 0x12345678]
                    case .b64: [0, -1, 0x7FFF_FFFF, -0x8000_0000]
                    }
                for imm in imms {
                    add("mov \(n(dst, size)), \(imm)") { $0.mov(dst, imm: imm, size) }
                }
            }
            for mem in addresses {
                add("mov \(n(.r11, size)), \(Intel.ptr(size)) \(Intel.memory(mem))") { $0.mov(.r11, mem, size) }
                add("mov \(Intel.ptr(size)) \(Intel.memory(mem)), \(n(.rsi, size))") { $0.mov(mem, .rsi, size) }
                add("mov \(Intel.ptr(size)) \(Intel.memory(mem)), \(size == .b8 ? -3 : -300)") {
                    $0.mov(mem, imm: size == .b8 ? -3 : -300, size)
                }
            }
        }
        for dst in gprs {
            for imm: Int64 in [0x1_0000_0000, -0x8000_0001, Int64.min, 0x1234_5678_9ABC_DEF0] {
                add("movabs \(n(dst, .b64)), \(imm)") { $0.mov(dst, imm: imm, .b64) }
            }
            add("movabs \(n(dst, .b64)), 5") { $0.movabs(dst, 5) }
        }
        for to in [OperandSize.b16, .b32, .b64] {
            for from in [OperandSize.b8, .b16] where from.rawValue < to.rawValue {
                for reg in gprs {
                    add("movzx \(n(reg, to)), \(n(reg.next, from))") { $0.movzx(reg, reg.next, from: from, to: to) }
                    add("movsx \(n(reg, to)), \(n(reg.next, from))") { $0.movsx(reg, reg.next, from: from, to: to) }
                }
                for mem in someAddresses {
                    add("movzx \(n(.r14, to)), \(Intel.ptr(from)) \(Intel.memory(mem))") { $0.movzx(.r14, mem, from: from, to: to) }
                    add("movsx \(n(.rcx, to)), \(Intel.ptr(from)) \(Intel.memory(mem))") { $0.movsx(.rcx, mem, from: from, to: to) }
                }
            }
        }
        for reg in gprs {
            add("movsxd \(n(reg, .b64)), \(n(reg.next, .b32))") { $0.movsx(reg, reg.next, from: .b32, to: .b64) }
        }
        for mem in someAddresses {
            add("movsxd r8, dword ptr \(Intel.memory(mem))") { $0.movsx(.r8, mem, from: .b32, to: .b64) }
        }
        for mem in addresses {
            add("lea rax, \(Intel.memory(mem))") { $0.lea(.rax, mem) }
            add("lea r13d, \(Intel.memory(mem))") { $0.lea(.r13, mem, .b32) }
        }

        // Multiply, divide, unary, shifts.
        for size in wide {
            for reg in gprs {
                add("imul \(n(reg, size)), \(n(reg.next, size))") { $0.imul(reg, reg.next, size) }
                add("imul \(n(reg, size)), \(n(.r12, size)), 3") { $0.imul(reg, .r12, imm: 3, size) }
                add("imul \(n(reg, size)), \(n(.rbp, size)), 1000") { $0.imul(reg, .rbp, imm: 1000, size) }
            }
            for mem in someAddresses {
                add("imul \(n(.r15, size)), \(Intel.ptr(size)) \(Intel.memory(mem))") { $0.imul(.r15, mem, size) }
            }
        }
        for op in UnaryOp.allCases {
            for size in sizes {
                for reg in gprs {
                    add("\(op) \(n(reg, size))") { $0.unary(op, reg, size) }
                }
                for mem in someAddresses {
                    add("\(op) \(Intel.ptr(size)) \(Intel.memory(mem))") { $0.unary(op, mem, size) }
                }
            }
        }
        add("cdq") { $0.signExtendAccumulator(.b32) }
        add("cqo") { $0.signExtendAccumulator(.b64) }
        for op in ShiftOp.allCases {
            for size in sizes {
                for reg in gprs {
                    add("\(op) \(n(reg, size)), cl") { $0.shift(op, reg, size) }
                    add("\(op) \(n(reg, size)), 1") { $0.shift(op, reg, imm: 1, size) }
                    add("\(op) \(n(reg, size)), 5") { $0.shift(op, reg, imm: 5, size) }
                }
            }
        }

        // Conditions and bits.
        for cc in ConditionCode.allCases {
            for reg in gprs {
                add("set\(cc) \(n(reg, .b8))") { $0.setcc(cc, reg) }
            }
            for size in wide {
                add("cmov\(cc) \(n(.r8, size)), \(n(.rbx, size))") { $0.cmov(cc, .r8, .rbx, size) }
                add("cmov\(cc) \(n(.rax, size)), \(Intel.ptr(size)) [r12 + 4]") { $0.cmov(cc, .rax, Address(.r12, 4), size) }
            }
        }
        for op in BitCountOp.allCases {
            for size in wide {
                for reg in gprs {
                    add("\(op) \(n(reg, size)), \(n(reg.next, size))") { $0.bitCount(op, reg, reg.next, size) }
                }
                for mem in someAddresses {
                    add("\(op) \(n(.r10, size)), \(Intel.ptr(size)) \(Intel.memory(mem))") { $0.bitCount(op, .r10, mem, size) }
                }
            }
        }
        for reg in gprs {
            add("bswap \(n(reg, .b32))") { $0.bswap(reg, .b32) }
            add("bswap \(n(reg, .b64))") { $0.bswap(reg, .b64) }
        }

        // Control (label forms are checked by running code).
        for reg in gprs {
            add("jmp \(n(reg, .b64))") { $0.jmp(reg) }
            add("call \(n(reg, .b64))") { $0.call(reg) }
            add("push \(n(reg, .b64))") { $0.push(reg) }
            add("pop \(n(reg, .b64))") { $0.pop(reg) }
        }
        for mem in addresses {
            add("jmp qword ptr \(Intel.memory(mem))") { $0.jmp(mem) }
            add("call qword ptr \(Intel.memory(mem))") { $0.call(mem) }
        }
        add("ret") { $0.ret() }
        add("ud2") { $0.ud2() }
        add("int3") { $0.int3() }
        add("cpuid") { $0.cpuid() }
        add("nop") { $0.nop() }
        add("nop word ptr [rax + rax]") { $0.nop(6) }
        add("nop dword ptr [rax]") { $0.nop(3) }

        // SSE.
        for p in FloatPrecision.allCases {
            let s = Intel.suffix(p), ps = Intel.packedSuffix(p)
            for x in xmms {
                add("mov\(s) \(Intel.name(x)), \(Intel.name(x.next))") { $0.movs(p, x, x.next) }
                add("ucomi\(s) \(Intel.name(x)), \(Intel.name(x.next))") { $0.ucomis(p, x, x.next) }
                add("mova\(ps) \(Intel.name(x)), \(Intel.name(x.next))") { $0.movap(p, x, x.next) }
                for mode in RoundingMode.allCases {
                    add("round\(s) \(Intel.name(x)), \(Intel.name(x.next)), \(mode.rawValue)") { $0.round(p, x, x.next, mode) }
                }
                for op in ScalarFloatOp.allCases {
                    add("\(op)\(s) \(Intel.name(x)), \(Intel.name(x.next))") { $0.scalar(op, p, x, x.next) }
                }
                for op in PackedFloatOp.allCases {
                    add("\(op)\(ps) \(Intel.name(x)), \(Intel.name(x.next))") { $0.packed(op, p, x, x.next) }
                }
            }
            for mem in addresses {
                add("mov\(s) xmm9, \(Intel.ptr(p)) \(Intel.memory(mem))") { $0.movs(p, .xmm9, mem) }
                add("mov\(s) \(Intel.ptr(p)) \(Intel.memory(mem)), xmm2") { $0.movs(p, mem, .xmm2) }
            }
            for mem in someAddresses {
                add("ucomi\(s) xmm3, \(Intel.ptr(p)) \(Intel.memory(mem))") { $0.ucomis(p, .xmm3, mem) }
                add("mova\(ps) xmm12, xmmword ptr \(Intel.memory(mem))") { $0.movap(p, .xmm12, mem) }
                add("mova\(ps) xmmword ptr \(Intel.memory(mem)), xmm4") { $0.movap(p, mem, .xmm4) }
                for op in ScalarFloatOp.allCases {
                    add("\(op)\(s) xmm14, \(Intel.ptr(p)) \(Intel.memory(mem))") { $0.scalar(op, p, .xmm14, mem) }
                }
                for op in PackedFloatOp.allCases {
                    add("\(op)\(ps) xmm1, xmmword ptr \(Intel.memory(mem))") { $0.packed(op, p, .xmm1, mem) }
                }
                for size in [OperandSize.b32, .b64] {
                    add("cvtsi2\(s) xmm6, \(Intel.ptr(size)) \(Intel.memory(mem))") { $0.cvtsi2s(p, .xmm6, mem, size) }
                }
            }
            for size in [OperandSize.b32, .b64] {
                for (i, x) in xmms.enumerated() {
                    let r = gprs[i]
                    add("cvtsi2\(s) \(Intel.name(x)), \(n(r, size))") { $0.cvtsi2s(p, x, r, size) }
                    add("cvtt\(s)2si \(n(r, size)), \(Intel.name(x))") { $0.cvtts2si(p, r, x, size) }
                    add("cvt\(s)2si \(n(r, size)), \(Intel.name(x))") { $0.cvts2si(p, r, x, size) }
                }
            }
        }
        for (i, x) in xmms.enumerated() {
            let r = gprs[15 - i]
            add("cvtss2sd \(Intel.name(x)), \(Intel.name(x.next))") { $0.cvtPrecision(to: .double, x, x.next) }
            add("cvtsd2ss \(Intel.name(x)), \(Intel.name(x.next))") { $0.cvtPrecision(to: .single, x, x.next) }
            add("movd \(Intel.name(x)), \(n(r, .b32))") { $0.movd(x, r, .b32) }
            add("movq \(Intel.name(x)), \(n(r, .b64))") { $0.movd(x, r, .b64) }
            add("movd \(n(r, .b32)), \(Intel.name(x))") { $0.movd(r, x, .b32) }
            add("movq \(n(r, .b64)), \(Intel.name(x))") { $0.movd(r, x, .b64) }
        }
        return cases
    }
}

extension GPR {
    /// The register after this one (wrapping), to vary operand pairs.
    var next: GPR { GPR(rawValue: (rawValue + 1) & 15)! }
}

extension XMM {
    var next: XMM { XMM(rawValue: (rawValue + 5) & 15)! }
}
