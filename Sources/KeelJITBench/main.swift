// Encoder throughput and call overhead of generated code. Release builds only:
//   swift build -c release --product KeelJITBench && .build/release/KeelJITBench
import Glibc
import KeelJIT

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Median of `runs` timings of `body`.
func median(_ runs: Int = 5, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = now()
        body()
        times.append(now() - start)
    }
    return times.sorted()[runs / 2]
}

/// 16 instructions of the kinds a baseline compiler emits most: moves, loads, stores, ALU
/// with registers and immediates, compares and branches, shifts, SSE.
@inline(never)
func emitBlock(_ e: inout X64Encoder, _ label: Label, _ i: Int32) {
    e.mov(.rax, Address(.r15, index: .rcx, scale: .x1, i), .b32)
    e.alu(.add, .rax, imm: i, .b32)
    e.mov(.rdx, .rax, .b64)
    e.alu(.xor, .rdx, .r9, .b64)
    e.imul(.r10, .rdx, .b64)
    e.mov(Address(.rsp, 16), .r10, .b64)
    e.alu(.cmp, .r10, imm: 100, .b32)
    e.jcc(.l, label)
    e.shift(.shl, .r11, imm: 3, .b64)
    e.lea(.rsi, Address(.rbp, index: .r12, scale: .x8, -8))
    e.movzx(.rdi, Address(.r13, 3), from: .b8, to: .b32)
    e.mov(.r8, imm: Int64(i), .b64)
    e.scalar(.add, .double, .xmm0, .xmm9)
    e.movs(.double, .xmm1, Address(.r14, 24))
    e.alu(.sub, .r13, imm: 1000, .b64)
    e.jcc(.b, label)
}

let instructionsPerBlock = 16
let blocks = 200_000
let buffer = CodeBuffer(capacity: 8 << 20)
var encoder = X64Encoder(buffer: buffer)
var bytes = 0
let encodeTime = median {
    encoder.reset()
    let label = encoder.makeLabel()
    for b in 0..<blocks { emitBlock(&encoder, label, Int32(truncatingIfNeeded: b)) }
    encoder.bind(label)
    try! encoder.finish()
    bytes = encoder.offset
}
let instructions = Double(blocks * instructionsPerBlock)
print("encoder: \(blocks * instructionsPerBlock) instructions, \(bytes) bytes in \(encodeTime * 1e3) ms (median of 5)")
print("  \(Int(instructions / encodeTime / 1e6)) M instructions/s, \(encodeTime / instructions * 1e9) ns/instruction, \(Int(Double(bytes) / encodeTime / 1e6)) MB/s of machine code")

// host → JIT → host: an add function called through a C function pointer.
var masm = X64MacroAssembler()
masm.move(.rdi, to: .rax, .i64)
masm.binary(.add, .rsi, into: .rax, .i64)
masm.ret()
let add = try! masm.finish()
let memory = try! CodeMemory(capacity: 4096)
let addOffset = try! memory.append(add.buffer)

// host → JIT → host callback → JIT → host.
let callback: @convention(c) (UInt64) -> UInt64 = { $0 &+ 1 }
var calling = X64MacroAssembler()
calling.prologue(saving: [], frameBytes: 0)
calling.call(absolute: UInt(bitPattern: unsafeBitCast(callback, to: UnsafeRawPointer.self)))
calling.epilogue(saving: [], frameBytes: 0)
calling.ret()
let callingCode = try! calling.finish()
let callingOffset = try! memory.append(callingCode.buffer)
try! memory.makeExecutable()

typealias Binary = @convention(c) (UInt64, UInt64) -> UInt64
let addFunction = unsafeBitCast(memory.address(of: addOffset), to: Binary.self)
let callingFunction = unsafeBitCast(memory.address(of: callingOffset), to: Binary.self)
let calls = 20_000_000
var sink: UInt64 = 0
let addTime = median {
    var acc: UInt64 = 0
    for i in 0..<calls { acc = addFunction(acc, UInt64(i)) }
    sink &+= acc
}
let callbackTime = median {
    var acc: UInt64 = 0
    for _ in 0..<calls { acc = callingFunction(acc, 0) }
    sink &+= acc
}
print("host → JIT → host: \(addTime / Double(calls) * 1e9) ns per call (\(calls) calls, median of 5)")
print("host → JIT → host callback → JIT → host: \(callbackTime / Double(calls) * 1e9) ns per call")

// A guard-page trap: fault, signal handler, landing pad, return to the host.
try! TrapHandler.install()
let reservation = try! MemoryReservation(size: 1 << 16, accessible: 4096)
let frame = X64TrapFrame()
var trapping = X64MacroAssembler()
frame.emitEntry(&trapping)
trapping.load(.full, from: Address(.rsi), to: .rax, .i64, trap: 1)
frame.emitExit(&trapping)
let pad = frame.emitLandingPad(&trapping)
let trappingCode = try! trapping.finish()
let trapMemory = try! CodeMemory(capacity: trappingCode.buffer.count)
_ = try! trapMemory.append(trappingCode.buffer)
try! trapMemory.makeExecutable()
let registration = CodeRegistration(
    memory: trapMemory, sites: trappingCode.trapSites, landingPad: pad, contextRegister: frame.contextRegister,
    stackPointerOffset: frame.stackPointerOffset)
typealias Trappable = @convention(c) (UnsafeMutableRawPointer, UnsafeRawPointer) -> UInt64
let trappable = unsafeBitCast(trapMemory.address(of: 0), to: Trappable.self)
let context = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 8)
let traps = 200_000
let trapTime = withExtendedLifetime((registration, reservation)) {
    median {
        var acc: UInt64 = 0
        for _ in 0..<traps { acc &+= trappable(context, reservation.base + 8192) }
        sink &+= acc
    }
}
print("guard-page trap → landing pad → host: \(trapTime / Double(traps) * 1e9) ns per trap")
print("(checksum \(sink))")
