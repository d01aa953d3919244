/// A control frame of the validation algorithm (WebAssembly specification, appendix
/// "Validation Algorithm").
@usableFromInline
struct ControlFrame {
    @usableFromInline enum Kind { case function, block, loop, `if`, `else` }
    @usableFromInline var kind: Kind
    @usableFromInline var parameters: [ValueType]
    @usableFromInline var results: [ValueType]
    /// Operand stack height at entry, below the parameters.
    @usableFromInline var height: Int
    /// Set after an unconditional branch: the rest of the frame is unreachable and its stack
    /// is polymorphic.
    @usableFromInline var unreachable = false
    /// Set when the whole frame lies in unreachable code: the backend never hears of it.
    @usableFromInline var dead = false

    @inlinable
    init(kind: Kind, parameters: [ValueType], results: [ValueType], height: Int, unreachable: Bool = false, dead: Bool = false) {
        self.kind = kind
        self.parameters = parameters
        self.results = results
        self.height = height
        self.unreachable = unreachable
        self.dead = dead
    }

    /// The types a branch to this frame's label carries.
    @inlinable var labelTypes: [ValueType] { kind == .loop ? parameters : results }
}
