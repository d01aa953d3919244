import KeelFrontEnd
import KeelRuntime

/// Resolves a module's imports by module and name, then instantiates it.
public final class Linker {
    public let engine: Engine

    enum Definition {
        case host(HostDefinition)
        case entity(Extern)
    }

    /// Keys compare names by their UTF-8 bytes. Looked up, never iterated.
    struct Key: Hashable {
        let module: [UInt8]
        let name: [UInt8]
        init(_ module: String, _ name: String) {
            self.module = Array(module.utf8)
            self.name = Array(name.utf8)
        }
    }

    var definitions: [Key: Definition] = [:]

    public init(engine: Engine) {
        self.engine = engine
    }

    /// Defines a host function usable from any store, whose body takes and returns `Value`
    /// arrays (checked against `type`).
    public func define(module: String, name: String, type: FunctionType, _ body: @escaping HostFunctionBody) {
        definitions[Key(module, name)] = .host(HostDefinition(type: type, values: body))
    }

    /// Defines a host function usable from any store, whose body reads its parameters from and
    /// writes its results to the call's slots in place (`HostSlots`): no allocation per call.
    public func defineRaw(module: String, name: String, type: FunctionType, _ body: @escaping RawHostFunctionBody) {
        definitions[Key(module, name)] = .host(HostDefinition(type: type, body: body))
    }

    /// Defines a store entity (function, memory, table or global).
    public func define(module: String, name: String, _ item: Extern) {
        definitions[Key(module, name)] = .entity(item)
    }

    /// Defines every export of `instance` under the module name `module`.
    public func define(module: String, instance: Instance) {
        for (name, value) in instance.exports {
            definitions[Key(module, name)] = .entity(value)
        }
    }

    /// Instantiates `module` in `store`, resolving its imports here.
    ///
    /// Throws `LinkError` when an import is missing or has an incompatible type, `Trap` when a
    /// segment is out of bounds or the start function traps. As WebAssembly 2.0 specifies,
    /// segments written before a trapping one stay written.
    public func instantiate(_ module: Module, in store: Store) throws -> Instance {
        var imports: [Extern] = []
        for entry in module.info.imports {
            let required = module.externType(of: entry.kind)
            guard let definition = definitions[Key(entry.module, entry.name)] else {
                throw LinkError("unknown import \"\(entry.module)\".\"\(entry.name)\" (\(required))")
            }
            let provided: Extern
            switch definition {
            case .host(let host): provided = .function(Function(store: store, instance: host.function(in: store)))
            case .entity(let extern): provided = extern
            }
            guard provided.type.matches(required) else {
                throw LinkError("incompatible import type for \"\(entry.module)\".\"\(entry.name)\": expected \(required), got \(provided.type)")
            }
            imports.append(provided)
        }
        return try Instantiation.run(module, imports: imports, store: store)
    }
}
