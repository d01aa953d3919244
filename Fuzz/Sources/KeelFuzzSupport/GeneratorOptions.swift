/// Size knobs of the structured module generator.
public struct GeneratorOptions: Sendable {
    /// Defined functions per module (at least 1).
    public var maxFunctions = 6
    /// The instruction budget of one function body (more makes larger bodies).
    public var maxInstructionsPerFunction = 300
    /// The deepest label nesting generated (the contract profile rejects more than 256).
    public var maxNesting = 200
    /// The most locals a function declares besides its parameters (the contract profile
    /// allows 4096 per function, parameters included).
    public var maxLocals = 600
    /// Whether bodies may use f32 and f64 (off for no-float configurations).
    public var allowFloats = true
    /// Whether `br_if` may target the function's own label. Turned off (by fuzz-diff's
    /// `KEEL_FUZZ_NO_FUNCTION_BR_IF=1`) only to look past the interpreter bug of
    /// Fuzz/regressions/fuzz-diff/interpreter-br-if-then-local-set while it is open.
    public var conditionalBranchToFunction = true

    /// The defaults.
    public init() {}
}
