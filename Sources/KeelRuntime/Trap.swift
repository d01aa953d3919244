/// The kinds of trap, with stable messages.
public enum TrapKind: Error, Hashable, Sendable {
    case unreachable
    case integerDivideByZero
    case integerOverflow
    case invalidConversionToInteger
    case outOfBoundsMemoryAccess
    case outOfBoundsTableAccess
    case undefinedElement
    case uninitializedElement
    case indirectCallTypeMismatch
    case callStackExhausted
    /// Fuel metering: the next metering block (or dynamic charge) costs more than remains.
    case outOfFuel
    /// Raised by a host function, with the host's message.
    case host

    /// The stable message of a trap of this kind (host traps carry their own).
    public var message: String {
        switch self {
        case .unreachable: "unreachable"
        case .integerDivideByZero: "integer divide by zero"
        case .integerOverflow: "integer overflow"
        case .invalidConversionToInteger: "invalid conversion to integer"
        case .outOfBoundsMemoryAccess: "out of bounds memory access"
        case .outOfBoundsTableAccess: "out of bounds table access"
        case .undefinedElement: "undefined element"
        case .uninitializedElement: "uninitialized element"
        case .indirectCallTypeMismatch: "indirect call type mismatch"
        case .callStackExhausted: "call stack exhausted"
        case .outOfFuel: "out of fuel"
        case .host: "host error"
        }
    }
}

/// An execution trap: WebAssembly code (or a host function it called) stopped abnormally.
public struct Trap: Error, Hashable, Sendable, CustomStringConvertible {
    public let kind: TrapKind
    public let message: String

    public init(_ kind: TrapKind) {
        self.kind = kind
        self.message = kind.message
    }

    /// A trap raised by a host function with `message`.
    public static func host(_ message: String) -> Trap {
        Trap(kind: .host, message: message)
    }

    package init(kind: TrapKind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
