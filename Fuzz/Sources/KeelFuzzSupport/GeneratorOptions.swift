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

    /// The defaults.
    public init() {}
}
