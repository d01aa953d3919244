import Keel

/// The `spectest` host module that the official test scripts import.
enum SpectestHost {
    /// Defines `spectest`'s functions, globals, table and memory in `linker`, creating its
    /// entities in `store`. `log` receives what the print functions print.
    static func define(in linker: Linker, store: Store, log: (@Sendable (String) -> Void)?) throws(Trap) {
        let printers: [(name: String, parameters: [ValueType])] = [
            ("print", []),
            ("print_i32", [.i32]),
            ("print_i64", [.i64]),
            ("print_f32", [.f32]),
            ("print_f64", [.f64]),
            ("print_i32_f32", [.i32, .f32]),
            ("print_f64_f64", [.f64, .f64]),
        ]
        for printer in printers {
            linker.define(module: "spectest", name: printer.name, type: FunctionType(parameters: printer.parameters)) {
                _, arguments throws(Trap) in
                if let log {
                    log("spectest.\(printer.name)(" + arguments.map(ValueFormatting.describe).joined(separator: ", ") + ")")
                }
                return []
            }
        }

        let globals: [(name: String, value: Value)] = [
            ("global_i32", .i32(666)),
            ("global_i64", .i64(666)),
            ("global_f32", .f32(Float(666.6).bitPattern)),
            ("global_f64", .f64(Double(666.6).bitPattern)),
        ]
        for global in globals {
            let type = GlobalType(valueType: global.value.type, isMutable: false)
            linker.define(module: "spectest", name: global.name, .global(Global(store: store, type: type, value: global.value)))
        }

        let table = try Table(
            store: store, type: TableType(elementType: .funcref, limits: Limits(min: 10, max: 20)), initial: .funcref(nil))
        linker.define(module: "spectest", name: "table", .table(table))

        let memory = try Memory(store: store, type: MemoryType(limits: Limits(min: 1, max: 2)))
        linker.define(module: "spectest", name: "memory", .memory(memory))
    }
}
