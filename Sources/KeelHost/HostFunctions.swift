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
}

/// Result helpers for host function bodies.
extension [Value] {
    static func i32(_ value: Int) -> [Value] { [.i32(UInt32(truncatingIfNeeded: value))] }
    static func i64(_ value: UInt64) -> [Value] { [.i64(value)] }
    static var none: [Value] { [] }
}
