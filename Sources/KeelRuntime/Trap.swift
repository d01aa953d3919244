/// The kinds of trap, with stable messages and stable codes: `rawValue` is never 0, so compiled
/// code and the runtime's status-returning operations can report "no trap" as 0 and a trap as
/// its kind's code.
public enum TrapKind: UInt8, Error, Hashable, Sendable {
    case unreachable = 1
    case integerDivideByZero = 2
    case integerOverflow = 3
    case invalidConversionToInteger = 4
    case outOfBoundsMemoryAccess = 5
    case outOfBoundsTableAccess = 6
    case undefinedElement = 7
    case uninitializedElement = 8
    case indirectCallTypeMismatch = 9
    case callStackExhausted = 10
    /// Fuel metering: the next metering block (or dynamic charge) costs more than remains.
    case outOfFuel = 11
    /// Raised by a host function, with the host's message.
    case host = 12

    /// The status code of an optional trap kind: 0 for none, else the kind's `rawValue`.
    @inlinable
    public static func code(_ kind: TrapKind?) -> UInt8 { kind?.rawValue ?? 0 }

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
