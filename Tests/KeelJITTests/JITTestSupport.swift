import Foundation
import KeelJIT

/// Generated code installed in its own executable arena.
struct Installed {
    let memory: CodeMemory
    let code: MachineCode
    let offset: Int

    var entry: UnsafeRawPointer { memory.address(of: offset) }

    /// The entry as a C function of two 64-bit integers.
    var function2: @convention(c) (UInt64, UInt64) -> UInt64 {
        unsafeBitCast(entry, to: (@convention(c) (UInt64, UInt64) -> UInt64).self)
    }
}

/// Assembles `body` with the x86-64 macro-assembler and installs it read+execute.
func install(_ body: (inout X64MacroAssembler) throws -> Void) throws -> Installed {
    var masm = X64MacroAssembler()
    try body(&masm)
    let code = try masm.finish()
    let memory = try CodeMemory(capacity: code.buffer.count)
    let offset = try memory.append(code.buffer)
    try memory.makeExecutable()
    return Installed(memory: memory, code: code, offset: offset)
}

/// The protection letters ("r-xp") of the mapping containing `address`, from /proc/self/maps.
func protection(of address: UnsafeRawPointer) throws -> String? {
    // /proc files report size 0, so read to the end rather than by size.
    guard let handle = FileHandle(forReadingAtPath: "/proc/self/maps") else { return nil }
    defer { try? handle.close() }
    let maps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
    let a = UInt(bitPattern: address)
    for line in maps.split(separator: "\n") {
        let fields = line.split(separator: " ")
        let range = fields[0].split(separator: "-")
        guard range.count == 2, let lo = UInt(range[0], radix: 16), let hi = UInt(range[1], radix: 16) else { continue }
        if a >= lo && a < hi { return String(fields[1]) }
    }
    return nil
}
