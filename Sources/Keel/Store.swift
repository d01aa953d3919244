import KeelRuntime

/// The state of one execution context: every instance, function, memory, table and global
/// created in it. Entities from different stores must not be mixed.
public final class Store {
    public let engine: Engine
    let runtime: StoreRuntime
    /// Runs calls and keeps the fuel, on the engine's backend.
    let execution: StoreExecution
    /// Host functions already created in this store, by their linker definition.
    var hostFunctions: [ObjectIdentifier: FunctionInstance] = [:]

    /// Fuel given by the last `setFuel(_:)`.
    private var fuelGiven: UInt64 = 0

    public init(engine: Engine) {
        self.engine = engine
        self.runtime = StoreRuntime(limits: engine.configuration.executionLimits)
        self.execution = StoreExecution(runtime: runtime, backend: engine.configuration.backend)
        if engine.configuration.fuelMetering { execution.fuel = 0 }
    }

    /// Sets the fuel calls in this store may consume (metering engines only).
    public func setFuel(_ fuel: UInt64) {
        fuelGiven = fuel
        execution.fuel = fuel
    }

    /// Fuel remaining (nil when the engine does not meter).
    public var fuel: UInt64? {
        engine.configuration.fuelMetering ? execution.fuel : nil
    }

    /// Fuel consumed since the last `setFuel(_:)` (nil when the engine does not meter). A run
    /// that ran out of fuel consumed everything it was given.
    public var fuelConsumed: UInt64? {
        engine.configuration.fuelMetering ? fuelGiven - execution.fuel : nil
    }

    /// Charges `amount` fuel for work done outside WebAssembly (a host's own charges);
    /// traps with `out of fuel`, leaving 0, when more than remains. No-op without metering.
    public func consumeFuel(_ amount: UInt64) throws(Trap) {
        try execution.consumeFuel(amount)
    }

    /// Runs `body` (typically a host function calling back into WebAssembly) with at most
    /// `limit` of the remaining fuel, then charges the remaining fuel with what it consumed.
    /// Running out inside `body` therefore stops only `body` when `limit` was below what
    /// remained. Without metering, runs `body` as is.
    ///
    /// - Returns: `body`'s result or error, and the fuel it consumed (0 without metering).
    public func withFuelLimit<T>(_ limit: UInt64, _ body: () throws -> T) -> (result: Result<T, any Error>, consumed: UInt64) {
        guard engine.configuration.fuelMetering else {
            return (Result { try body() }, 0)
        }
        let remaining = execution.fuel
        let granted = min(limit, remaining)
        execution.fuel = granted
        let result = Result { try body() }
        // The body cannot end with more fuel than it was granted: consumption only subtracts.
        let consumed = granted - min(execution.fuel, granted)
        execution.fuel = remaining - consumed
        return (result, consumed)
    }
}
