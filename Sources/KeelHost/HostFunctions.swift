import Keel

/// A linker being given the host functions of `host`.
struct HostLinker {
    let linker: Linker
    unowned let host: ContractHost
}

/// The host functions of module `keel_v1`, defined once per host on one linker that every
/// execution of the host shares: an invocation finds its execution by the store it runs in
/// (``ContractHost/execution(of:)``).
extension Execution {
    typealias HostBody = (HostCall) throws -> HostResult

    static func makeLinker(host: ContractHost) -> Linker {
        let linker = HostLinker(linker: Linker(engine: host.engine), host: host)
        defineInputOutput(linker)
        defineStorage(linker)
        defineCrypto(linker)
        defineContext(linker)
        defineEvents(linker)
        defineToken(linker)
        defineCalls(linker)
        return linker.linker
    }

    /// Defines `name` with the given signature (at most one result); `body` gets each
    /// invocation as a `HostCall`, its arguments and result in the call's slots (no arrays).
    static func define(_ linker: HostLinker, _ name: String, _ parameters: [ValueType], _ results: [ValueType], _ body: @escaping HostBody) {
        precondition(results.count <= 1, "keel_v1 host functions have at most one result")
        let result = results.first
        linker.linker.defineRaw(
            module: ContractHost.importModule, name: name, type: FunctionType(parameters: parameters, results: results)
        ) { [unowned host = linker.host] caller, slots in
            guard let execution = host.execution(of: caller.store) else {
                throw Trap.host("keel_v1.\(name) called outside an execution of its host")
            }
            let returned = try body(HostCall(caller: caller, slots: slots, execution: execution))
            switch (returned, result) {
            case (.none, nil): break
            case (.i32(let value), .i32?): slots.setI32(0, value)
            case (.i64(let value), .i64?): slots.setI64(0, value)
            default: throw Trap.host("keel_v1.\(name) returned \(returned), expected \(results)")
            }
        }
    }

    /// Defines `<name>_size` (the length of the buffer `bytes` gives) and `<name>_read(dst)`
    /// (copies it to `dst`), charged `size` and `read` per call, `read` also per byte.
    static func defineBuffer(
        _ linker: HostLinker, _ name: String, size: KeyPath<HostFuelSchedule, HostCost>, read: KeyPath<HostFuelSchedule, HostCost>,
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

/// What a `keel_v1` host function body returns: no result or one integer, without an array.
enum HostResult: Equatable, CustomStringConvertible {
    case none
    case i32(UInt32)
    case i64(UInt64)

    /// An i32 result from an `Int` (its low 32 bits).
    static func i32(_ value: Int) -> HostResult { .i32(UInt32(truncatingIfNeeded: value)) }

    var description: String {
        switch self {
        case .none: "no result"
        case .i32(let value): "i32 \(value)"
        case .i64(let value): "i64 \(value)"
        }
    }
}
