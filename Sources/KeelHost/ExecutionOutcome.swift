import Keel
import KeelState

/// How a contract call ended.
public enum CallStatus: Sendable, Hashable, CustomStringConvertible {
    /// The method returned.
    case success
    /// The call trapped (`out of fuel`, `out of bounds memory access`, a host misuse...).
    case trapped(String)
    /// The contract called `abort` with this message.
    case aborted(String)

    /// Whether the call succeeded.
    public var isSuccess: Bool { self == .success }

    public var description: String {
        switch self {
        case .success: "success"
        case .trapped(let message): "trapped: \(message)"
        case .aborted(let message): "aborted: \(message)"
        }
    }
}

/// An event emitted by a contract: part of the receipt of a successful execution.
public struct ContractEvent: Sendable, Hashable {
    /// The contract that emitted it.
    public var contract: ContractAddress
    /// Its topic bytes.
    public var topic: [UInt8]
    /// Its data bytes.
    public var data: [UInt8]

    /// Creates an event.
    public init(contract: ContractAddress, topic: [UInt8], data: [UInt8]) {
        self.contract = contract
        self.topic = topic
        self.data = data
    }
}

/// A debug message logged by a contract (kept even when its call failed).
public struct ContractLog: Sendable, Hashable {
    /// The contract that logged it.
    public var contract: ContractAddress
    /// The message, decoded as UTF-8 (invalid sequences become U+FFFD).
    public var message: String

    /// Creates a log entry.
    public init(contract: ContractAddress, message: String) {
        self.contract = contract
        self.message = message
    }
}

/// Everything an execution produced.
public struct ExecutionOutcome: Sendable, Hashable {
    /// How the outermost call ended.
    public var status: CallStatus
    /// The stable kind of the trap that ended the outermost call when `status` is trapped
    /// (`.outOfFuel`, `.outOfBoundsMemoryAccess`...; `.host` for host misuse, a missing
    /// contract or method, or a module that cannot be linked); nil otherwise.
    public var trap: TrapKind?
    /// The outermost call's return data (empty unless it set some).
    public var returnData: [UInt8]
    /// Events of the calls that succeeded, in emission order (empty when the outermost failed).
    public var events: [ContractEvent]
    /// Every debug log, in order, including those of failed calls.
    public var logs: [ContractLog]
    /// Fuel consumed, the host functions' charges included.
    public var fuelConsumed: UInt64
    /// The state changes to commit, sorted by key (empty when the outermost call failed).
    public var writeSet: [StateChange]
}
