import KeelFrontEnd

/// Deterministic execution limits.
package struct ExecutionLimits: Sendable {
    /// The call-stack limit in value slots: the sum of the stack costs of the active frames.
    package var stackSlots: Int
    /// The fuel schedule when metering (its dynamic costs are charged at run time).
    package var metering: CostSchedule?
    /// How deeply host functions may call back into WebAssembly: each nesting holds native
    /// stack, so it is bounded separately (and deterministically) from the slot limit.
    package var hostReentryDepth: Int
    /// A native stack size for backends that run on a stack of their own (the JIT), replacing
    /// the one computed from the limits; only tests set it, to reach the native check.
    package var nativeStackBytes: Int?

    package init(stackSlots: Int = 1 << 20, metering: CostSchedule? = nil, hostReentryDepth: Int = 100, nativeStackBytes: Int? = nil) {
        self.stackSlots = stackSlots
        self.metering = metering
        self.hostReentryDepth = hostReentryDepth
        self.nativeStackBytes = nativeStackBytes
    }
}
