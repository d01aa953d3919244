import KeelHost
import KeelNode
import KeelState

/// How receipts, events and logs read: text lines for people, JSON members for scripts
/// (docs/node.md, "Receipt fields").
enum ReceiptReport {
    /// The status's JSON name: success, trapped, aborted, outOfFuel, rejected or invalid.
    static func statusName(_ status: ReceiptStatus) -> String {
        switch status {
        case .success: "success"
        case .trapped: "trapped"
        case .aborted: "aborted"
        case .outOfFuel: "outOfFuel"
        case .rejected: "rejected"
        case .invalid: "invalid"
        }
    }

    /// Why the transaction failed, or nil when it succeeded.
    static func reason(_ status: ReceiptStatus) -> String? {
        switch status {
        case .success: nil
        case .trapped(_, let message), .aborted(let message), .rejected(let message), .invalid(let message): message
        case .outOfFuel: "out of fuel"
        }
    }

    /// Adds the receipt's lines and members to `report`.
    static func add(_ receipt: Receipt, names: AddressBook, to report: inout Report) {
        report.line("status: \(receipt.status)")
        report.line("fuel used: \(receipt.fuelUsed)")
        if !receipt.returnData.isEmpty { report.line("return: \(describe(receipt.returnData))") }
        addEvents(receipt.events, logs: receipt.logs, names: names, to: &report)
        var trapKind: JSONValue = .null
        if case .trapped(let kind, _) = receipt.status { trapKind = .string("\(kind)") }
        report.fields([
            ("status", .string(statusName(receipt.status))), ("reason", reason(receipt.status).map(JSONValue.string) ?? .null),
            ("trapKind", trapKind), ("fuelUsed", .uint(receipt.fuelUsed)), ("returnData", .hex(receipt.returnData)),
        ])
        report.fields(eventMembers(receipt.events, logs: receipt.logs))
        report.field("writeSetHash", .hex(receipt.writeSetHash))
    }

    /// Adds `event:` and `log:` lines for `events` and `logs` (not their JSON members).
    static func addEvents(_ events: [ContractEvent], logs: [ContractLog], names: AddressBook, to report: inout Report) {
        for event in events { report.line(eventLine(event, from: names.short(event.contract))) }
        for log in logs { report.line("log: \(log.message) (from \(names.short(log.contract)))") }
    }

    /// One event as a line of text, its topic and data apart: `event: topic "transfer"
    /// (0x7472616e73666572), data (72 bytes): 0x…, from token` (a topic that is not printable
    /// ASCII reads as hex alone).
    static func eventLine(_ event: ContractEvent, from contract: String) -> String {
        let hex = HexBytes.prefixed(event.topic)
        let topic = HexBytes.text(event.topic).map { "\"\($0)\" (\(hex))" } ?? hex
        let size = "\(event.data.count) byte\(event.data.count == 1 ? "" : "s")"
        return "event: topic \(topic), data (\(size)): \(describe(event.data)), from \(contract)"
    }

    /// The `events` and `logs` JSON members.
    static func eventMembers(_ events: [ContractEvent], logs: [ContractLog]) -> [(String, JSONValue)] {
        let eventValues = events.map { event -> JSONValue in
            .object([
                ("contract", .hex(event.contract.bytes)), ("topic", .hex(event.topic)),
                ("topicText", HexBytes.text(event.topic).map(JSONValue.string) ?? .null), ("data", .hex(event.data)),
            ])
        }
        let logValues = logs.map { JSONValue.object([("contract", .hex($0.contract.bytes)), ("message", .string($0.message))]) }
        return [("events", .array(eventValues)), ("logs", .array(logValues))]
    }

    /// Bytes as `0x` hex, with a reading when one is likely: text when printable, the u64
    /// when exactly 8 bytes (little-endian, as the sample contracts return amounts).
    static func describe(_ bytes: [UInt8]) -> String {
        let hex = "0x" + Hex.encode(bytes)
        if bytes.count == 8 { return hex + " (u64 \(bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }))" }
        if let text = HexBytes.text(bytes) { return hex + " (\"\(text)\")" }
        return hex
    }
}
