// Node throughput benchmark (bench/node/run.sh): signed native transfers and signed token
// transfers applied and committed per second on LevelDB (state root included), replay speed,
// and one token transfer through `ContractHost.execute`. Wall-clock timing is fine here: this
// is a tool, not consensus code. Signing happens before timing (it is the client's work);
// signature recovery is the node's and is timed, on `threads` threads, results in order.
import Foundation
import Keel
import KeelCrypto
import KeelHost
import KeelNode
import KeelState

struct Options {
    var accounts = 2000
    var blockSize = 2000
    var blocks = 5
    var threads = 2
    var singleIterations = 2000
    /// Only the native workload (for profiling).
    var nativeOnly = false

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            if flag == "--native-only" {
                nativeOnly = true
                continue
            }
            guard let text = iterator.next(), let value = Int(text), value > 0 else { Self.usage("\(flag) needs a positive integer") }
            switch flag {
            case "--accounts": accounts = value
            case "--block": blockSize = value
            case "--blocks": blocks = value
            case "--threads": threads = value
            case "--single": singleIterations = value
            default: Self.usage("unknown option \(flag)")
            }
        }
        if blockSize > accounts { Self.usage("--block must not exceed --accounts (one transaction per sender per block)") }
    }

    static func usage(_ problem: String) -> Never {
        FileHandle.standardError.write(Data("""
            KeelNodeBench: \(problem)
            usage: KeelNodeBench [--accounts N] [--block N] [--blocks N] [--threads N] [--single N] [--native-only]

            """.utf8))
        exit(2)
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let tokenCode = [UInt8](try Data(contentsOf: repository.appendingPathComponent("contracts/token/token.wasm")))
let chainId: UInt64 = 1337
let startTime: UInt64 = 1_767_225_600

@MainActor func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// CPU seconds (user + system) of the whole process, all threads.
@MainActor func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func value(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return value(usage.ru_utime) + value(usage.ru_stime)
}

/// Wall-clock and process CPU seconds `body` takes.
struct Cost {
    var wall = 0.0, cpu = 0.0
    static func += (left: inout Cost, right: Cost) {
        left.wall += right.wall
        left.cpu += right.cpu
    }
}

@MainActor func measured<T>(_ body: () throws -> T) rethrows -> (T, Cost) {
    let (start, startCPU) = (ContinuousClock.now, cpuSeconds())
    let result = try body()
    return (result, Cost(wall: seconds(ContinuousClock.now - start), cpu: cpuSeconds() - startCPU))
}

@MainActor func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let (result, cost) = try measured(body)
    return (result, cost.wall)
}

@MainActor func u64LE(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

// Accounts: the (public) development keys dev0 ... dev(N-1), each funded; dev0 deploys the token.
let (keys, keyTime) = time { (0..<options.accounts).map { KeyPair.development(UInt32($0)) } }
FileHandle.standardError.write("derived \(keys.count) keys in \(String(format: "%.1f", keyTime)) s\n".data(using: .utf8)!)
let genesis = Genesis(
    parameters: ConsensusParameters(chainId: chainId, fuelPerBlock: 100_000_000_000), startTime: startTime,
    developmentKeyCount: keys.count,
    allocations: keys.map { Genesis.Allocation(address: $0.address, balance: 1_000_000_000_000) },
    contracts: [Genesis.Contract(name: "token", code: tokenCode, deployer: keys[0].address, initInput: u64LE(1_000_000_000_000))])
let token = genesis.contractAddresses[0]

let workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("keel-node-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: workDirectory) }

let chain = try Chain.create(directory: workDirectory.appendingPathComponent("chain").path, genesis: genesis)
var nonces = [UInt64](repeating: 0, count: keys.count)
nonces[0] = 1  // the token deploy
var timestamp = startTime

/// Signs one block of transactions: sender `i` (i < blockSize) sends `payload(i)`.
@MainActor func signBlock(senders: Range<Int>, fuelLimit: UInt64, _ payload: (Int) -> Payload) throws -> [[UInt8]] {
    try senders.map { index in
        defer { nonces[index] += 1 }
        return try Transaction(chainId: chainId, nonce: nonces[index], fuelLimit: fuelLimit, fuelPrice: 1, payload: payload(index))
            .signed(with: keys[index]).encoded
    }
}

/// Verifies (in parallel, results in order), executes and commits `block`; returns the
/// seconds spent in each phase.
@MainActor func applyAndCommit(_ block: [[UInt8]]) throws -> (verify: Cost, execute: Cost, commit: Cost) {
    timestamp += 1
    let (verified, verifyTime) = measured { VerifiedTransaction.verify(block, limits: chain.parameters.transactionLimits, threads: options.threads) }
    let transactions = try verified.map { try $0.get() }
    let (execution, executeTime) = try measured { try chain.execute(verified: transactions, timestamp: timestamp, proposer: keys[0].address) }
    for receipt in execution.receipts where !receipt.status.isSuccess { fatalError("transaction failed: \(receipt.status)") }
    let ((), commitTime) = try measured { try chain.commit(execution) }
    return (verifyTime, executeTime, commitTime)
}

struct Row {
    var name: String
    var transactions: Int
    var verify = Cost(), execute = Cost(), commit = Cost()
    var total: Double { verify.wall + execute.wall + commit.wall }
    /// Seconds with the CPU time the work needs on an otherwise idle machine: verification
    /// spread over `threads`, execution's CPU time, the commit's wall time (it waits for sync).
    func idle(threads: Int) -> Double { verify.cpu / Double(threads) + execute.cpu + commit.wall }
}

@MainActor func measure(_ name: String, fuelLimit: UInt64, _ payload: (Int) -> Payload) throws -> Row {
    var row = Row(name: name, transactions: 0)
    for _ in 0..<options.blocks {
        let block = try signBlock(senders: 0..<options.blockSize, fuelLimit: fuelLimit, payload)
        let phases = try applyAndCommit(block)
        row.transactions += block.count
        row.verify += phases.verify
        row.execute += phases.execute
        row.commit += phases.commit
    }
    return row
}

@MainActor func recipient(_ index: Int) -> ContractAddress { keys[(index + 1) % keys.count].address }

// (a) native transfers.
let native = try measure("native transfer", fuelLimit: 10_000) { .transfer(to: recipient($0), amount: 1) }

if options.nativeOnly {
    print("native transfers: \(native.transactions) in \(ms(native.total)) ms, \(rate(native.transactions, native.total))/s")
    try? FileManager.default.removeItem(at: workDirectory)
    exit(0)
}

// Token balances for every sender (untimed): dev0 pays each of them, in one block.
var funding: [[UInt8]] = []
for index in 1..<options.blockSize {
    let input = keys[index].address.bytes + u64LE(1_000_000)
    funding.append(
        try Transaction(chainId: chainId, nonce: nonces[0], fuelLimit: 200_000, fuelPrice: 1,
                        payload: .call(contract: token, method: "transfer", input: input, value: 0))
            .signed(with: keys[0]).encoded)
    nonces[0] += 1
}
_ = try applyAndCommit(funding)

// (b) token-contract transfers.
let tokenRow = try measure("token transfer", fuelLimit: 200_000) {
    .call(contract: token, method: "transfer", input: recipient($0).bytes + u64LE(1), value: 0)
}

// (c) replay: a fresh chain from the same genesis applies every recorded block.
let replayChain = try Chain.create(directory: workDirectory.appendingPathComponent("replay").path, genesis: try chain.genesis())
var recorded: [Block] = []
for height in 1...chain.head.height { recorded.append(try chain.block(at: height)!) }
let replayTransactions = recorded.reduce(0) { $0 + $1.transactions.count }
let ((), replayCost) = try measured {
    for block in recorded {
        let verified = VerifiedTransaction.verify(block.transactions, limits: replayChain.parameters.transactionLimits, threads: options.threads)
        try replayChain.apply(block: block, verified: verified)
    }
}
guard replayChain.head == chain.head else { fatalError("replay reached another head") }
let replayTime = replayCost.wall

// (d) one token transfer through ContractHost.execute, committed to a MemoryStore.
let store = MemoryStore()
let host = try genesis.parameters.makeHost()
let context = BlockContext(height: 1, time: startTime)
let holder = keys[0].address
let deployed = try host.deploy(code: tokenCode, at: token, sender: holder, input: u64LE(1_000_000_000), fuel: 10_000_000, state: store, block: context)
try store.write(WriteBatch(deployed.writeSet), sync: false)
let transferInput = keys[1].address.bytes + u64LE(1)
@MainActor func singleTransfer() throws {
    let outcome = try host.execute(contract: token, method: "transfer", input: transferInput, sender: holder, fuel: 1_000_000, state: store, block: context)
    guard outcome.status.isSuccess else { fatalError("token transfer failed: \(outcome.status)") }
    try store.write(WriteBatch(outcome.writeSet), sync: false)
}
var best = Double.infinity
for _ in 0..<5 {
    let ((), elapsed) = try time { for _ in 0..<options.singleIterations { try singleTransfer() } }
    best = min(best, elapsed / Double(options.singleIterations))
}

func rate(_ count: Int, _ seconds: Double) -> String { String(format: "%.0f", Double(count) / seconds) }
func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }

print("KeelNodeBench: \(options.accounts) accounts, blocks of \(options.blockSize), \(options.blocks) blocks per workload, \(options.threads) verification threads")
print("")
print("| workload | txs | verify ms (cpu) | execute+root ms (cpu) | commit ms (cpu) | total ms | tx/s wall | tx/s cpu |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for row in [native, tokenRow] {
    func cell(_ cost: Cost) -> String { "\(ms(cost.wall)) (\(ms(cost.cpu)))" }
    print("| \(row.name) | \(row.transactions) | \(cell(row.verify)) | \(cell(row.execute)) | \(cell(row.commit)) | \(ms(row.total)) | \(rate(row.transactions, row.total)) | \(rate(row.transactions, row.idle(threads: options.threads))) |")
}
print("")
print("tx/s cpu: transactions / (verification CPU time / threads + execution CPU time + commit wall time), what an idle machine gives; the wall column includes waiting for the other processes of a shared machine.")
print("")
print("| replay | blocks | txs | seconds (cpu) | blocks/s | tx/s |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
print("| apply(block:verified:) from genesis | \(recorded.count) | \(replayTransactions) | \(String(format: "%.2f (%.2f)", replayTime, replayCost.cpu)) | \(String(format: "%.1f", Double(recorded.count) / replayTime)) | \(rate(replayTransactions, replayTime)) |")
print("")
print("single token transfer through ContractHost.execute (MemoryStore commit), best of 5 × \(options.singleIterations): \(String(format: "%.1f", best * 1e6)) µs")
