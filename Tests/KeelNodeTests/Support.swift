import Foundation
import Keel
import KeelHost
import KeelNode
import KeelState
import Testing

/// The repository root.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The committed module of the sample contract `name`.
func sampleContract(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("contracts/\(name)/\(name).wasm")))
}

let dev0 = KeyPair.development(0)
let dev1 = KeyPair.development(1)
let dev2 = KeyPair.development(2)
let testChainId: UInt64 = 7
let startBalance: UInt64 = 1_000_000_000_000
let startTime: UInt64 = 1_767_225_600

/// A genesis funding dev0...dev2 with `startBalance`, deploying `contracts` from dev0.
func testGenesis(_ contracts: [(String, [UInt8])] = [], fuelPerBlock: UInt64 = 100_000_000) throws -> Genesis {
    Genesis(
        parameters: ConsensusParameters(chainId: testChainId, fuelPerBlock: fuelPerBlock), startTime: startTime, developmentKeyCount: 3,
        allocations: [dev0, dev1, dev2].map { Genesis.Allocation(address: $0.address, balance: startBalance) },
        contracts: try contracts.map { Genesis.Contract(name: $0.0, code: try sampleContract($0.0), deployer: dev0.address, initInput: $0.1) })
}

/// A signed transaction's encoding.
func signed(
    _ payload: Payload, by key: KeyPair, nonce: UInt64 = 0, fuelLimit: UInt64 = 1_000_000, fuelPrice: UInt64 = 1,
    chainId: UInt64 = testChainId
) throws -> [UInt8] {
    try Transaction(chainId: chainId, nonce: nonce, fuelLimit: fuelLimit, fuelPrice: fuelPrice, payload: payload).signed(with: key).encoded
}

/// A temporary directory removed when the value goes away.
final class TemporaryDirectory {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("keel-node-tests-\(UUID().uuidString)")
    var path: String { url.path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The u64 a little-endian byte string holds.
func u64(_ bytes: [UInt8]) -> UInt64 {
    bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
}

/// `value` as 8 bytes, little-endian.
func bytes(_ value: UInt64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
}
