import KeelInterpreter

/// The state of one execution context: every instance, function, memory, table and global
/// created in it. Entities from different stores must not be mixed.
public final class Store {
    public let engine: Engine
    let runtime: StoreRuntime
    /// Host functions already created in this store, by their linker definition.
    var hostFunctions: [ObjectIdentifier: FunctionInstance] = [:]

    /// Fuel given by the last `setFuel(_:)`.
    private var fuelGiven: UInt64 = 0

    public init(engine: Engine) {
        self.engine = engine
        self.runtime = StoreRuntime(limits: engine.configuration.executionLimits)
        if engine.configuration.fuelMetering { runtime.executor.fuel = 0 }
    }

    /// Sets the fuel calls in this store may consume (metering engines only).
    public func setFuel(_ fuel: UInt64) {
        fuelGiven = fuel
        runtime.executor.fuel = fuel
    }

    /// Fuel remaining (nil when the engine does not meter).
    public var fuel: UInt64? {
        engine.configuration.fuelMetering ? runtime.executor.fuel : nil
    }

    /// Fuel consumed since the last `setFuel(_:)` (nil when the engine does not meter). A run
    /// that ran out of fuel consumed everything it was given.
    public var fuelConsumed: UInt64? {
        engine.configuration.fuelMetering ? fuelGiven - runtime.executor.fuel : nil
    }
}
