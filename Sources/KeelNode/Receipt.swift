import Keel
import KeelCrypto
import KeelHost
import KeelState

/// How a transaction in a block ended.
public enum ReceiptStatus: Sendable, Hashable, CustomStringConvertible {
    /// Everything it did is committed.
    case success
    /// The contract trapped: the trap's stable kind and message. Only fees and the nonce stay.
    case trapped(TrapKind, String)
    /// The contract called `abort` with this message. Only fees and the nonce stay.
    case aborted(String)
    /// It used its whole fuel limit before finishing. Only fees and the nonce stay.
    case outOfFuel
    /// The host refused the payload before any contract ran (code that does not compile, an
    /// address already taken, a native transfer the recipient cannot hold). Only fees and
    /// the nonce stay.
    case rejected(String)
    /// The transaction could not execute at all (wrong nonce, balance below its cost): it
    /// changed nothing, paid nothing and did not bump the nonce.
    case invalid(String)

    /// Whether the transaction succeeded.
    public var isSuccess: Bool { self == .success }

    public var description: String {
        switch self {
        case .success: "success"
        case .trapped(_, let message): "trapped: \(message)"
        case .aborted(let message): "aborted: \(message)"
        case .outOfFuel: "out of fuel"
        case .rejected(let message): "rejected: \(message)"
        case .invalid(let message): "invalid: \(message)"
        }
    }
}

/// What executing one transaction produced; ``hash`` goes into the block's receipts root.
public struct Receipt: Sendable, Hashable {
    /// How it ended.
    public var status: ReceiptStatus
    /// Fuel charged: intrinsic fuel plus what execution consumed (the limit when out of fuel).
    public var fuelUsed: UInt64
    /// The outermost call's return data (empty unless it succeeded and set some).
    public var returnData: [UInt8]
    /// Events of the calls that succeeded (none when the transaction failed).
    public var events: [ContractEvent]
    /// Every debug log, failed calls' included.
    public var logs: [ContractLog]
    /// ``WriteSet/hash(_:)`` of the transaction's net state changes (fees and nonce included).
    public var writeSetHash: [UInt8]

    /// Creates a receipt.
    public init(
        status: ReceiptStatus, fuelUsed: UInt64, returnData: [UInt8], events: [ContractEvent], logs: [ContractLog],
        writeSetHash: [UInt8]
    ) {
        self.status = status
        self.fuelUsed = fuelUsed
        self.returnData = returnData
        self.events = events
        self.logs = logs
        self.writeSetHash = writeSetHash
    }

    /// The canonical encoding (docs/node.md, "Receipts").
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        encode(into: &writer)
        return writer.bytes
    }

    /// SHA-256 of ``encoded``.
    public var hash: [UInt8] { SHA256.hash(encoded) }

    func encode(into writer: inout ByteWriter) {
        switch status {
        case .success: writer.u8(0)
        case .trapped(let kind, let message):
            writer.u8(1)
            writer.u8(TrapCode.code(of: kind))
            writer.text(message)
        case .aborted(let message):
            writer.u8(2)
            writer.text(message)
        case .outOfFuel: writer.u8(3)
        case .rejected(let message):
            writer.u8(4)
            writer.text(message)
        case .invalid(let message):
            writer.u8(5)
            writer.text(message)
        }
        writer.u64(fuelUsed)
        writer.data(returnData)
        writer.u32(UInt32(events.count))
        for event in events {
            writer.address(event.contract)
            writer.data(event.topic)
            writer.data(event.data)
        }
        writer.u32(UInt32(logs.count))
        for log in logs {
            writer.address(log.contract)
            writer.text(log.message)
        }
        writer.fixed(writeSetHash)
    }

    /// Decodes ``encoded``.
    public static func decode(_ bytes: [UInt8]) throws(FormatError) -> Receipt {
        var reader = ByteReader(bytes)
        let receipt = try decode(from: &reader)
        try reader.finish("receipt")
        return receipt
    }

    static func decode(from reader: inout ByteReader) throws(FormatError) -> Receipt {
        let unbounded = Int(UInt32.max)
        let tagOffset = reader.offset
        let tag = try reader.u8("status")
        let status: ReceiptStatus
        switch tag {
        case 0: status = .success
        case 1:
            let codeOffset = reader.offset
            let code = try reader.u8("status.trapKind")
            guard let kind = TrapCode.kind(of: code) else { throw reader.error("status.trapKind", .unknownTag(code), at: codeOffset) }
            status = .trapped(kind, try reader.text("status.message", limit: unbounded))
        case 2: status = .aborted(try reader.text("status.message", limit: unbounded))
        case 3: status = .outOfFuel
        case 4: status = .rejected(try reader.text("status.message", limit: unbounded))
        case 5: status = .invalid(try reader.text("status.message", limit: unbounded))
        default: throw reader.error("status", .unknownTag(tag), at: tagOffset)
        }
        let fuelUsed = try reader.u64("fuelUsed")
        let returnData = try reader.data("returnData", limit: unbounded)
        var events: [ContractEvent] = []
        for _ in 0..<(try reader.count("events", limit: unbounded)) {
            events.append(ContractEvent(
                contract: try reader.address("event.contract"), topic: try reader.data("event.topic", limit: unbounded),
                data: try reader.data("event.data", limit: unbounded)))
        }
        var logs: [ContractLog] = []
        for _ in 0..<(try reader.count("logs", limit: unbounded)) {
            logs.append(ContractLog(contract: try reader.address("log.contract"), message: try reader.text("log.message", limit: unbounded)))
        }
        let writeSetHash = try reader.fixed(32, "writeSetHash")
        return Receipt(status: status, fuelUsed: fuelUsed, returnData: returnData, events: events, logs: logs, writeSetHash: writeSetHash)
    }
}

/// The stable byte of each trap kind in receipts (docs/node.md). Never renumbered; a new
/// trap kind fails to compile here until it gets a new number.
enum TrapCode {
    static func code(of kind: TrapKind) -> UInt8 {
        switch kind {
        case .unreachable: 1
        case .integerDivideByZero: 2
        case .integerOverflow: 3
        case .invalidConversionToInteger: 4
        case .outOfBoundsMemoryAccess: 5
        case .outOfBoundsTableAccess: 6
        case .undefinedElement: 7
        case .uninitializedElement: 8
        case .indirectCallTypeMismatch: 9
        case .callStackExhausted: 10
        case .outOfFuel: 11
        case .host: 12
        }
    }

    static let kinds: [TrapKind] = [
        .unreachable, .integerDivideByZero, .integerOverflow, .invalidConversionToInteger, .outOfBoundsMemoryAccess,
        .outOfBoundsTableAccess, .undefinedElement, .uninitializedElement, .indirectCallTypeMismatch, .callStackExhausted,
        .outOfFuel, .host,
    ]

    static func kind(of code: UInt8) -> TrapKind? {
        kinds.first { Self.code(of: $0) == code }
    }
}

extension Receipt {
    /// The receipt of a transaction that could not execute: nothing changed, nothing paid.
    static func invalid(_ reason: String) -> Receipt {
        Receipt(status: .invalid(reason), fuelUsed: 0, returnData: [], events: [], logs: [], writeSetHash: WriteSet.hash([]))
    }
}
