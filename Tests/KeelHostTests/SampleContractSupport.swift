import Foundation
import Keel
import KeelHost
import KeelState
import Testing

/// The repository's `contracts/` directory.
let contractsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("contracts")

/// The committed module of the sample contract `name`.
func sampleContract(_ name: String) throws -> [UInt8] {
    let url = contractsDirectory.appendingPathComponent(name).appendingPathComponent("\(name).wasm")
    return [UInt8](try Data(contentsOf: url))
}

/// A LevelDB state in a temporary directory with a host resolving contracts from it, the
/// way a node runs them, on `backend`. Successful outcomes are committed with sync.
final class Chain {
    let directory: URL
    private(set) var database: LevelDBStore!
    let engine: Engine
    let host: ContractHost
    var block = BlockContext(height: 1, time: 1_700_000_000)

    init(backend: Backend) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("keel-host-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try LevelDBStore(path: directory.appendingPathComponent("state").path)
        var configuration = EngineConfiguration.contract
        configuration.backend = backend
        engine = try Engine(configuration: configuration)
        host = ContractHost(engine: engine, resolver: StateContractResolver(engine: engine))
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Closes and reopens the database, as a restarted node would.
    func reopen() throws {
        database = nil  // closes it: LevelDB allows one open handle per directory
        database = try LevelDBStore(path: directory.appendingPathComponent("state").path, createIfMissing: false)
    }

    /// Deploys the sample contract `name` from `sender` at the SHA-256 of its code.
    @discardableResult
    func deploy(_ name: String, input: [UInt8] = [], sender: ContractAddress) throws -> ContractAddress {
        let code = try sampleContract(name)
        let address = ContractCode.address(of: code)
        let outcome = try host.deploy(code: code, at: address, sender: sender, input: input, fuel: 10_000_000, state: database, block: block)
        #expect(outcome.status == .success, "deploying \(name)")
        try database.write(WriteBatch(outcome.writeSet), sync: true)
        return address
    }

    /// Calls a method, committing its writes when it succeeds.
    @discardableResult
    func call(_ contract: ContractAddress, _ method: String, _ input: [UInt8] = [], from sender: ContractAddress, fuel: UInt64 = 10_000_000)
        throws -> ExecutionOutcome
    {
        let outcome = try host.execute(
            contract: contract, method: method, input: input, sender: sender, fuel: fuel, state: database, block: block)
        if outcome.status.isSuccess { try database.write(WriteBatch(outcome.writeSet), sync: true) }
        return outcome
    }

    /// Sets a native balance directly, as genesis would.
    func fund(_ address: ContractAddress, _ amount: UInt64) throws {
        let overlay = StateOverlay(base: database)
        NativeBalances.setBalance(amount, of: address, in: overlay)
        try database.write(WriteBatch(overlay.writeSet()), sync: true)
    }

    func balance(_ address: ContractAddress) throws -> UInt64 {
        try NativeBalances.balance(of: address, in: database)
    }
}

/// The u64 a little-endian return value holds.
func u64(_ bytes: [UInt8]) -> UInt64 {
    bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
}
