import Keel

/// The host functions of module `keel_v1`, defined on a linker for one execution.
extension Execution {
    typealias HostBody = (HostCall) throws -> [Value]

    func makeLinker() -> Linker {
        let linker = Linker(engine: host.engine)
        defineInputOutput(linker)
        defineStorage(linker)
        defineCrypto(linker)
        defineContext(linker)
        defineEvents(linker)
        defineToken(linker)
        defineCalls(linker)
        return linker
    }

    /// Defines `name` with the given signature; `body` gets each invocation as a `HostCall`.
    func define(_ linker: Linker, _ name: String, _ parameters: [ValueType], _ results: [ValueType], _ body: @escaping HostBody) {
        linker.define(
            module: ContractHost.importModule, name: name, type: FunctionType(parameters: parameters, results: results)
        ) { [unowned self] caller, arguments in
            try body(HostCall(caller: caller, arguments: arguments, execution: self))
        }
    }

    /// Defines `<name>_size` (the length of the buffer `bytes` gives) and `<name>_read(dst)`
    /// (copies it to `dst`), charged `size` and `read` per call, `read` also per byte.
    func defineBuffer(
        _ linker: Linker, _ name: String, size: KeyPath<HostFuelSchedule, HostCost>, read: KeyPath<HostFuelSchedule, HostCost>,
        _ bytes: @escaping (CallFrame) -> [UInt8]
    ) {
        define(linker, "\(name)_size", [], [.i32]) { call in
            try call.charge(call.prices[keyPath: size])
            return .i32(bytes(call.frame).count)
        }
        // (dst)
        define(linker, "\(name)_read", [.i32], []) { call in
            let buffer = bytes(call.frame)
            try call.checkRange(call.u32(0), buffer.count)
            try call.charge(call.prices[keyPath: read], bytes: buffer.count)
            try call.write(buffer, at: call.u32(0))
            return .none
        }
    }
}

/// Result helpers for host function bodies.
extension [Value] {
    static func i32(_ value: Int) -> [Value] { [.i32(UInt32(truncatingIfNeeded: value))] }
    static func i64(_ value: UInt64) -> [Value] { [.i64(value)] }
    static var none: [Value] { [] }
}
