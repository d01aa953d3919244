import KeelNode
import KeelState

/// How `keel replay` prints a report: readable text, or one JSON object (docs/node.md).
enum ReplayOutput {
    static func text(_ report: ReplayReport, rates: String) -> String {
        let engines = report.engines.joined(separator: " and ")
        let range = report.to == 0 ? "no blocks" : "blocks 1...\(report.to)"
        var lines = ["replayed \(range) on \(engines) (compared from \(report.from)): \(rates)"]
        if let divergence = report.divergence {
            lines.append("DIVERGENCE " + divergence.description)
        } else {
            lines.append("no divergence: head \(report.head.height) 0x\(Hex.encode(report.head.hash)), state root 0x\(Hex.encode(report.head.stateRoot))")
        }
        return lines.joined(separator: "\n")
    }

    /// The members of the `--json` object (docs/node.md, "Replay").
    static func members(_ report: ReplayReport, milliseconds: UInt64) -> [(String, JSONValue)] {
        [
            ("match", .bool(report.divergence == nil)), ("engines", .array(report.engines.map { .string($0) })),
            ("from", .uint(report.from)), ("to", .uint(report.to)), ("blocks", .uint(UInt64(report.blocks))),
            ("transactions", .uint(UInt64(report.transactions))), ("milliseconds", .uint(milliseconds)),
            ("head", .object([("height", .uint(report.head.height)), ("hash", .hex(report.head.hash)), ("stateRoot", .hex(report.head.stateRoot))])),
            ("divergence", report.divergence.map(json) ?? .null),
        ]
    }

    static func json(_ divergence: Divergence) -> JSONValue {
        .object([
            ("height", .uint(divergence.height)), ("expected", .string(divergence.expectedSource)), ("actual", .string(divergence.actualSource)),
            ("transaction", divergence.transaction.map { .object([("index", .uint(UInt64($0.index))), ("hash", .hex($0.hash))]) } ?? .null),
            ("fields", .array(divergence.fields.map {
                .object([("name", .string($0.name)), ("expected", .string($0.expected)), ("actual", .string($0.actual))])
            })),
            ("key", divergence.key.map(json) ?? .null),
        ])
    }

    static func json(_ key: Divergence.Key) -> JSONValue {
        var members: [(String, JSONValue)] = [("key", .hex(key.key)), ("description", .string(key.decoded.description))]
        switch key.decoded {
        case .storage(let contract, let storageKey):
            members += [("namespace", .string("storage")), ("contract", .hex(contract.bytes)), ("storageKey", .hex(storageKey))]
        case .codeHash(let contract): members += [("namespace", .string("codeHash")), ("contract", .hex(contract.bytes))]
        case .balance(let address): members += [("namespace", .string("balance")), ("address", .hex(address.bytes))]
        case .code(let hash): members += [("namespace", .string("code")), ("codeHash", .hex(hash))]
        case .nonce(let address): members += [("namespace", .string("nonce")), ("address", .hex(address.bytes))]
        case .unknown: members += [("namespace", .string("unknown"))]
        }
        members += [("expectedValue", json(key.expected)), ("actualValue", json(key.actual))]
        return .object(members)
    }

    static func json(_ value: Divergence.WriteValue) -> JSONValue {
        switch value {
        case .set(let bytes): .object([("kind", .string("set")), ("value", .hex(bytes))])
        case .deleted: .object([("kind", .string("deleted"))])
        case .untouched: .object([("kind", .string("untouched"))])
        case .absent: .object([("kind", .string("absent"))])
        }
    }
}
