import KeelInterpreter

/// The state of one execution context: every instance, function, memory, table and global
/// created in it. Entities from different stores must not be mixed.
public final class Store {
    public let engine: Engine
    let runtime: StoreRuntime
    /// Host functions already created in this store, by their linker definition.
    var hostFunctions: [ObjectIdentifier: FunctionInstance] = [:]

    public init(engine: Engine) {
        self.engine = engine
        self.runtime = StoreRuntime(limits: engine.configuration.executionLimits)
    }
}
