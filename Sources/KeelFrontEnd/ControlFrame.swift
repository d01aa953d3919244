/// A control frame of the validation algorithm (WebAssembly specification, appendix
/// "Validation Algorithm").
struct ControlFrame {
    enum Kind { case function, block, loop, `if`, `else` }
    var kind: Kind
    var parameters: [ValueType]
    var results: [ValueType]
    /// Operand stack height at entry, below the parameters.
    var height: Int
    /// Set after an unconditional branch: the rest of the frame is unreachable and its stack
    /// is polymorphic.
    var unreachable = false
    /// Set when the whole frame lies in unreachable code: the backend never hears of it.
    var dead = false

    /// The types a branch to this frame's label carries.
    var labelTypes: [ValueType] { kind == .loop ? parameters : results }
}
