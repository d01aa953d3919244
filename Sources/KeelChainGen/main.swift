// Generates the recorded chain in fixtures/chains/ (fixtures/chains/README.md): a chain
// from genesis/dev.json whose blocks use every sample contract, native transfers and
// failing (abort, trap) and out-of-fuel transactions, exported as one chain file.
//
// Deterministic: fixed timestamps, the public development keys (NOT secret), RFC 6979
// signatures, a memory store. Running it again writes the same bytes.
//
//     swift run KeelChainGen [--repository DIR] fixtures/chains/dev.keelchain
import Foundation
import KeelCrypto
import KeelNode
import KeelState

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("KeelChainGen: \(message)\n".utf8))
    exit(1)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var repository = FileManager.default.currentDirectoryPath
if let index = arguments.firstIndex(of: "--repository"), index + 1 < arguments.count {
    repository = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
}
guard arguments.count == 1 else { fail("usage: KeelChainGen [--repository DIR] OUTPUT") }
let output = arguments[0]

let blockCount: UInt64 = 120

/// A module of the generator's own: `boom` traps (unreachable), `spin` loops until its fuel
/// runs out. WebAssembly text:
/// `(module (memory (export "memory") 1) (func (export "boom") unreachable) (func (export "spin") (loop br 0)))`
let trapModule: [UInt8] = [
    0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
    0x03, 0x03, 0x02, 0x00, 0x00,
    0x05, 0x03, 0x01, 0x00, 0x01,
    0x07, 0x18, 0x03, 0x06, 0x6D, 0x65, 0x6D, 0x6F, 0x72, 0x79, 0x02, 0x00,
    0x04, 0x62, 0x6F, 0x6F, 0x6D, 0x00, 0x00, 0x04, 0x73, 0x70, 0x69, 0x6E, 0x00, 0x01,
    0x0A, 0x0D, 0x02, 0x03, 0x00, 0x00, 0x0B, 0x07, 0x00, 0x03, 0x40, 0x0C, 0x00, 0x0B, 0x0B,
]

func u64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

/// How a generated transaction must end (checked after each block, so the fixture holds
/// what its README says).
enum Expect: String {
    case success, aborted, trapped, outOfFuel

    func matches(_ status: ReceiptStatus) -> Bool {
        switch (self, status) {
        case (.success, .success), (.aborted, .aborted), (.trapped, .trapped), (.outOfFuel, .outOfFuel): true
        default: false
        }
    }
}

/// Produces the blocks on a memory-store chain.
final class Generator {
    let genesis: Genesis
    let chain: Chain
    let keys: [KeyPair]
    let token, counter, registry, relay, multisig: ContractAddress
    /// The generator's trap module, dev0's first transaction (nonce 5) deploys it.
    let trapContract: ContractAddress
    var multisigNonce: UInt64 = 0
    var expected: [Expect] = []
    var tally: [String: Int] = [:]  // for the summary only, printed in a fixed order

    init(repository: String) {
        do { genesis = try Genesis.load(path: repository + "/genesis/dev.json", repository: repository) } catch { fail("\(error)") }
        do { chain = try Chain.create(store: MemoryStore(), genesis: genesis) } catch { fail("genesis: \(error)") }
        keys = genesis.developmentKeys
        let addresses = genesis.contractAddresses
        (token, counter, registry, relay, multisig) = (addresses[0], addresses[1], addresses[2], addresses[3], addresses[4])
        trapContract = Account.contractAddress(deployer: keys[0].address, nonce: 5)
    }

    func send(_ payload: Payload, by key: Int, fuel: UInt64 = 2_000_000, expect: Expect = .success) {
        do {
            let transaction = Transaction(
                chainId: genesis.parameters.chainId, nonce: try chain.nextNonce(of: keys[key].address), fuelLimit: fuel, fuelPrice: 1,
                payload: payload)
            try chain.admit(try transaction.signed(with: keys[key]).encoded)
        } catch { fail("admitting \(payload) from dev\(key): \(error)") }
        expected.append(expect)
    }

    func call(_ contract: ContractAddress, _ method: String, _ input: [UInt8] = [], by key: Int, fuel: UInt64 = 2_000_000, expect: Expect = .success) {
        send(.call(contract: contract, method: method, input: input, value: 0), by: key, fuel: fuel, expect: expect)
    }

    /// A 2-of-3 multisig `execute` moving `amount` to `to`, signed by dev0 and dev1.
    func multisigExecute(to: ContractAddress, amount: UInt64) -> [UInt8] {
        let message = Array("keel-multisig".utf8) + multisig.bytes + u64(multisigNonce) + to.bytes + u64(amount)
        let hash = SHA256.hash(message)
        var input = to.bytes + u64(amount) + [2]
        for owner in 0..<2 {
            do { input += [UInt8(owner)] + (try Secp256k1.sign(message32: hash, privateKey: keys[owner].privateKey)) } catch { fail("signing: \(error)") }
        }
        multisigNonce += 1
        return input
    }

    /// The relay's `forward` input: target ‖ method length ‖ method ‖ inner input.
    func forward(_ target: ContractAddress, _ method: String, _ input: [UInt8] = []) -> [UInt8] {
        target.bytes + [UInt8(method.utf8.count)] + Array(method.utf8) + input
    }

    func run(blocks blockCount: UInt64) {
        for height in 1...blockCount {
            expected = []
            let (a, b) = (Int(height % 4), Int((height + 1) % 4))
            if height == 1 {
                send(.deploy(code: trapModule, initInput: [], value: 0), by: 0)
                send(.transfer(to: multisig, amount: 1_000_000_000), by: 1)
                send(.deploy(code: genesis.contracts[1].code, initInput: u64(100), value: 0), by: 2)  // counter's code again
            } else {
                switch height % 10 {
                case 0:
                    send(.transfer(to: keys[b].address, amount: height * 1000), by: a)
                    call(token, "transfer", keys[1].address.bytes + u64(height), by: 0)
                case 1:
                    call(counter, "increment", by: 1)
                    call(counter, "add", u64(height), by: 2)
                case 2:
                    call(registry, "register", Array("name-\(height)".utf8), by: 2)
                    call(registry, "lookup", Array("name-\(height)".utf8), by: 3)
                case 3:
                    call(relay, "forward", forward(counter, "increment"), by: 3)
                    call(relay, "forward_fuel", u64(100_000) + forward(trapContract, "boom"), by: 0)
                case 4:
                    call(multisig, "execute", multisigExecute(to: keys[3].address, amount: 1000 + height), by: 2)
                case 5:
                    call(counter, "fail_after_write", by: 1, expect: .aborted)
                    call(token, "transfer", keys[0].address.bytes + u64(1_000_000_000_000), by: 3, expect: .aborted)
                case 6:
                    call(trapContract, "boom", by: 2, expect: .trapped)
                    call(counter, "no_such_method", by: 0, expect: .trapped)
                case 7:
                    call(trapContract, "spin", by: 3, fuel: 60_000, expect: .outOfFuel)
                    call(counter, "log_hello", by: 0)
                case 8:
                    call(token, "approve", keys[2].address.bytes + u64(500), by: 0)
                    call(token, "transfer_from", keys[0].address.bytes + keys[1].address.bytes + u64(100 + height % 100), by: 2)
                default:
                    let name = Array("name-\(height - 7)".utf8)
                    call(registry, "transfer", keys[1].address.bytes + name, by: 2)
                    call(registry, "release", name, by: 1)
                    call(registry, "register", Array("Bad Name".utf8), by: 3, expect: .aborted)
                }
            }
            let execution: BlockExecution
            do {
                execution = try chain.produceBlock(timestamp: genesis.startTime + 5 * height, proposer: keys[Int(height % 4)].address)
            } catch { fail("block \(height): \(error)") }
            guard execution.receipts.count == expected.count else {
                fail("block \(height) holds \(execution.receipts.count) transactions, \(expected.count) were sent")
            }
            for (index, (receipt, expect)) in zip(execution.receipts, expected).enumerated() {
                guard expect.matches(receipt.status) else { fail("block \(height) transaction \(index): \(receipt.status), expected \(expect)") }
                tally[expect.rawValue, default: 0] += 1
            }
        }
    }
}

let generator = Generator(repository: repository)
generator.run(blocks: blockCount)
let chain = generator.chain
let tally = generator.tally
let bytes: [UInt8]
do { bytes = try ChainFile(history: chain).encoded } catch { fail("export: \(error)") }
do { try Data(bytes).write(to: URL(fileURLWithPath: output)) } catch { fail("cannot write \(output): \(error)") }
let summary = ["success", "aborted", "trapped", "outOfFuel"].map { "\($0) \(tally[$0] ?? 0)" }.joined(separator: ", ")
print("wrote \(output): \(bytes.count) bytes, blocks 0...\(chain.head.height), transactions: \(summary)")
print("head block hash \(Hex.encode(chain.head.hash))")
print("head state root \(Hex.encode(chain.head.stateRoot))")
