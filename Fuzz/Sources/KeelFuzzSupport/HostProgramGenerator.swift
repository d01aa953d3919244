import Keel

/// Turns fuzzer bytes into a contract whose `run` and `callee` methods each make a random
/// sequence of `keel_v1` host calls with pointers and lengths in bounds, at the end of
/// memory, just past it, or huge; results are kept in locals and fed back as arguments
/// (iterator handles, lengths). Memory starts with the contract's own address at 0 and the
/// method names `run` (at 32) and `callee` (at 35), so `call` can re-enter the contract.
public struct HostProgramGenerator: Sendable {
    /// The contract's address must be known to the generator (it is written into memory).
    public let selfAddress: [UInt8]

    /// A generator for a contract deployed at `selfAddress` (32 bytes).
    public init(selfAddress: [UInt8]) {
        self.selfAddress = selfAddress
    }

    /// The contract module `bytes` describe.
    public func generate(_ bytes: [UInt8]) -> [UInt8] {
        var input = FuzzInput(bytes)
        let pages = input.pick([1, 1, 1, 1, 1, 1, 2, 2, 0])
        var data = selfAddress + Array("runcallee".utf8)
        data += (0..<input.int(0...64)).map { _ in input.byte() }
        let run = body(&input, calls: input.int(1...24), memoryBytes: pages * 65536)
        let callee = body(&input, calls: input.int(0...6), memoryBytes: pages * 65536)
        return encode(pages: pages, data: pages > 0 ? data : [], bodies: [run, callee])
    }

    private func encode(pages: Int, data: [UInt8], bodies: [[UInt8]]) -> [UInt8] {
        var types: [FunctionType] = [FunctionType()]
        var importTypes: [Int] = []
        for host in HostImports.all {
            let type = FunctionType(parameters: host.parameters, results: host.results)
            if let index = types.firstIndex(of: type) { importTypes.append(index) } else {
                types.append(type)
                importTypes.append(types.count - 1)
            }
        }
        var module = WasmWriter()
        module.append(WasmWriter.header)
        var section = WasmWriter()
        section.unsigned(types.count)
        for type in types {
            section.byte(0x60)
            section.unsigned(type.parameters.count)
            type.parameters.forEach { section.valueType($0) }
            section.unsigned(type.results.count)
            type.results.forEach { section.valueType($0) }
        }
        module.section(1, section.bytes)
        section = WasmWriter()
        section.unsigned(HostImports.all.count)
        for (host, type) in zip(HostImports.all, importTypes) {
            section.name("keel_v1")
            section.name(host.name)
            section.byte(0x00)
            section.unsigned(type)
        }
        module.section(2, section.bytes)
        module.section(3, [0x02, 0x00, 0x00])
        section = WasmWriter()
        section.append([0x01, 0x00])
        section.unsigned(pages)
        module.section(5, section.bytes)
        section = WasmWriter()
        section.unsigned(3)
        let base = HostImports.all.count
        for (name, kind, index) in [("memory", UInt8(0x02), 0), ("run", 0x00, base), ("callee", 0x00, base + 1)] {
            section.name(name)
            section.byte(kind)
            section.unsigned(index)
        }
        module.section(7, section.bytes)
        section = WasmWriter()
        section.unsigned(bodies.count)
        for body in bodies {
            section.unsigned(body.count)
            section.append(body)
        }
        module.section(10, section.bytes)
        if !data.isEmpty {
            section = WasmWriter()
            section.append([0x01, 0x00, 0x41, 0x00, 0x0B])
            section.unsigned(data.count)
            section.append(data)
            module.section(11, section.bytes)
        }
        return module.bytes
    }

    /// Locals 0...3 are i32, 4...5 i64.
    private static let i32Locals = 0...3, i64Locals = 4...5

    private func body(_ input: inout FuzzInput, calls: Int, memoryBytes: Int) -> [UInt8] {
        var code = WasmWriter()
        code.append([0x02, 0x04, 0x7F, 0x02, 0x7E])
        for _ in 0..<calls {
            if input.chance(40) { store(&input, memoryBytes: memoryBytes, into: &code) }
            var index = input.int(0...(HostImports.all.count - 1))
            if index == HostImports.abortIndex && !input.chance(40) { index = input.int(0...(HostImports.abortIndex - 1)) }
            let host = HostImports.all[index]
            for parameter in host.parameters {
                if parameter == .i32 { i32Argument(&input, memoryBytes: memoryBytes, into: &code) } else { i64Argument(&input, into: &code) }
            }
            code.byte(0x10)
            code.unsigned(index)
            for result in host.results.reversed() {
                if input.chance(60) {
                    code.byte(0x1A)
                } else {
                    code.byte(0x21)
                    code.unsigned(input.int(result == .i32 ? Self.i32Locals : Self.i64Locals))
                }
            }
        }
        code.byte(0x0B)
        return code.bytes
    }

    /// An i32 argument (a pointer, a length, a handle or a flag): mostly in bounds (so a
    /// sequence gets past its first calls), sometimes at or past the end of memory, huge, or
    /// a result of an earlier call.
    private func i32Argument(_ input: inout FuzzInput, memoryBytes: Int, into code: inout WasmWriter) {
        let value: Int64
        switch input.weighted([30, 20, 20, 8, 3, 3, 8, 3, 2]) {
        case 0: value = Int64(input.pick([0, 32, 35, 0, 32, 35, 1, 2, 3]))
        case 1: value = Int64(input.pick([0, 1, 3, 6, 32, 33, 64, 65, 256, 257, 4096, 4097, 8192, 8193]))
        case 2: value = Int64(input.int(0...255))
        case 3: value = Int64(memoryBytes - input.int(0...70))
        case 4: value = Int64(memoryBytes + input.int(0...1))
        case 5: value = Int64(Int32(bitPattern: input.pick([0xFFFF_FFFF, 0x8000_0000, 0xFFFF_FFE0, 0x7FFF_FFFF, 65536, 65537])))
        case 6:
            code.byte(0x20)
            code.unsigned(input.int(Self.i32Locals))
            return
        case 7:
            code.byte(0x20)
            code.unsigned(input.int(Self.i64Locals))
            code.byte(0xA7)
            return
        default: value = Int64(Int32(bitPattern: input.u32()))
        }
        code.byte(0x41)
        code.signed(Int64(Int32(truncatingIfNeeded: value)))
    }

    /// An i64 argument (fuel for `call`, an amount for `transfer`).
    private func i64Argument(_ input: inout FuzzInput, into code: inout WasmWriter) {
        if input.chance(40) {
            code.byte(0x20)
            code.unsigned(input.int(Self.i64Locals))
            return
        }
        code.byte(0x42)
        code.signed(Int64(bitPattern: input.pick([0, 1, 100, 5000, 10_000, 100_000, 1_000_000, UInt64.max, 1 << 63, UInt64(input.u32())])))
    }

    /// A store of random bits somewhere in the first bytes or at the end of memory, so keys,
    /// values and lengths in memory vary between calls.
    private func store(_ input: inout FuzzInput, memoryBytes: Int, into code: inout WasmWriter) {
        code.byte(0x41)
        code.signed(Int64(Int32(truncatingIfNeeded: input.chance(200) ? input.int(0...120) : memoryBytes - input.int(0...8))))
        code.byte(0x42)
        code.signed(Int64(bitPattern: input.u64()))
        code.append([0x37, 0x00, 0x00])
    }
}
