/// The deterministic call-stack account (docs/determinism.md, section 4): the sum of the
/// stack costs of the active frames, against the limit. Every backend counts in these units
/// (the front-end's `FunctionTranslator.stackCost`), so every backend traps at the same call
/// with `call stack exhausted`, whatever its physical frames. Public, not `package`, only so the
/// optimizer inlines it into the interpreter's calls (see `Num`).
public struct StackAccount: Sendable {
    /// Sum of the stack costs of the active frames.
    public var used: Int
    /// The limit `used` may reach (`EngineConfiguration.stackLimit`).
    public let limit: Int

    @inlinable
    public init(used: Int = 0, limit: Int) {
        self.used = used
        self.limit = limit
    }

    /// What `used` becomes when a frame of `cost` enters, or nil when that passes the limit
    /// (the call traps before the callee runs). Both are bounded by the limit, so the sum
    /// cannot overflow.
    @inlinable @inline(__always)
    public func entering(_ cost: Int) -> Int? {
        let total = used &+ cost
        return total > limit ? nil : total
    }
}
