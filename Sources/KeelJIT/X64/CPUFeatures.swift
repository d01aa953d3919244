/// The optional x86-64 instructions the JIT may use, read from CPUID.
///
/// `lzcnt` and `tzcnt` silently execute as `bsr`/`bsf` on CPUs without them (different
/// results for zero and for lzcnt in general), so code generators must test these flags and
/// use the fallback sequences when they are missing.
public struct CPUFeatures: Sendable, Equatable {
    /// SSE4.1 (`roundss`/`roundsd`).
    public var sse41: Bool
    /// POPCNT.
    public var popcnt: Bool
    /// LZCNT (AMD's ABM / Intel's LZCNT bit).
    public var lzcnt: Bool
    /// BMI1 (`tzcnt`).
    public var bmi1: Bool

    /// A feature set (to generate code for another CPU, or to test fallbacks).
    public init(sse41: Bool, popcnt: Bool, lzcnt: Bool, bmi1: Bool) {
        self.sse41 = sse41
        self.popcnt = popcnt
        self.lzcnt = lzcnt
        self.bmi1 = bmi1
    }

    /// The features of the machine running this process (computed once).
    public static let host: CPUFeatures = detect()

    /// Runs `cpuid` through a tiny generated function (Swift has no intrinsic for it).
    static func detect() -> CPUFeatures {
        // No features assumed: `.host` is what this computes.
        var masm = X64MacroAssembler(features: CPUFeatures(sse41: false, popcnt: false, lzcnt: false, bmi1: false))
        // (leaf, subleaf, out: *[eax, ebx, ecx, edx]); rbx is callee-saved in SysV.
        masm.encoder.push(.rbx)
        masm.encoder.mov(.rax, .rdi, .b32)
        masm.encoder.mov(.rcx, .rsi, .b32)
        masm.encoder.mov(.r8, .rdx, .b64)
        masm.encoder.cpuid()
        for (i, r) in [GPR.rax, .rbx, .rcx, .rdx].enumerated() {
            masm.encoder.mov(Address(.r8, Int32(4 * i)), r, .b32)
        }
        masm.encoder.pop(.rbx)
        masm.ret()
        guard let code = try? masm.finish(), let memory = try? CodeMemory(capacity: code.buffer.count),
            let offset = try? memory.append(code.buffer), (try? memory.makeExecutable()) != nil
        else {
            return CPUFeatures(sse41: false, popcnt: false, lzcnt: false, bmi1: false)
        }
        let cpuid = unsafeBitCast(
            memory.address(of: offset), to: (@convention(c) (UInt32, UInt32, UnsafeMutablePointer<UInt32>) -> Void).self)
        var registers: [UInt32] = [0, 0, 0, 0]
        func query(_ leaf: UInt32, _ subleaf: UInt32 = 0) -> [UInt32] {
            registers.withUnsafeMutableBufferPointer { cpuid(leaf, subleaf, $0.baseAddress!) }
            return registers
        }
        let maxLeaf = query(0)[0]
        let maxExtended = query(0x8000_0000)[0]
        let leaf1 = query(1)
        let leaf7 = maxLeaf >= 7 ? query(7) : [0, 0, 0, 0]
        let extended = maxExtended >= 0x8000_0001 ? query(0x8000_0001) : [0, 0, 0, 0]
        return withExtendedLifetime(memory) {
            CPUFeatures(
                sse41: leaf1[2] & (1 << 19) != 0, popcnt: leaf1[2] & (1 << 23) != 0, lzcnt: extended[2] & (1 << 5) != 0,
                bmi1: leaf7[1] & (1 << 3) != 0)
        }
    }
}
