import Foundation
import Keel
import KeelCrypto
import KeelHost
import KeelState
import Testing

@Suite struct SampleContractTests {
    let alice = address(0xA1)
    let bob = address(0xB0)
    let carol = address(0xCA)
    let dave = address(0xDA)

    @Test(arguments: Backend.available) func counterPersistsAcrossReopening(backend: Backend) throws {
        let chain = try Chain(backend: backend)
        let counter = try chain.deploy("counter", sender: alice)
        #expect(try chain.call(counter, "increment", from: alice).returnData == le64(1))
        #expect(try chain.call(counter, "add", le64(41), from: bob).returnData == le64(42))
        let overflow = try chain.call(counter, "add", le64(UInt64.max), from: bob)
        #expect(overflow.status == .aborted("overflow"))
        try chain.reopen()
        #expect(try chain.call(counter, "get", from: carol).returnData == le64(42))
    }

    @Test(arguments: Backend.available) func tokenBalancesAfterTransfers(backend: Backend) throws {
        let chain = try Chain(backend: backend)
        let token = try chain.deploy("token", input: le64(1000), sender: alice)
        func balance(_ who: ContractAddress) throws -> UInt64 {
            u64(try chain.call(token, "balance_of", who.bytes, from: dave).returnData)
        }
        let first = try chain.call(token, "transfer", bob.bytes + le64(300), from: alice)
        #expect(first.status == .success)
        #expect(first.events == [ContractEvent(contract: token, topic: bytes("transfer"), data: alice.bytes + bob.bytes + le64(300))])
        #expect(try chain.call(token, "transfer", carol.bytes + le64(100), from: bob).status == .success)
        #expect(try chain.call(token, "approve", dave.bytes + le64(200), from: alice).status == .success)
        #expect(try chain.call(token, "transfer_from", alice.bytes + carol.bytes + le64(150), from: dave).status == .success)
        // Failures change nothing.
        #expect(try chain.call(token, "transfer", alice.bytes + le64(201), from: bob).status == .aborted("insufficient balance"))
        #expect(try chain.call(token, "transfer_from", alice.bytes + dave.bytes + le64(51), from: dave).status
            == .aborted("insufficient allowance"))
        #expect(try chain.call(token, "transfer", [1, 2, 3], from: bob).status == .aborted("bad input length"))

        #expect(try balance(alice) == 550)
        #expect(try balance(bob) == 200)
        #expect(try balance(carol) == 250)
        #expect(try balance(dave) == 0)
        #expect(u64(try chain.call(token, "allowance", alice.bytes + dave.bytes, from: bob).returnData) == 50)
        #expect(u64(try chain.call(token, "total_supply", from: bob).returnData) == 1000)
    }

    /// The multisig's signed hash: sha256("keel-multisig" ‖ wallet ‖ nonce ‖ to ‖ amount).
    func multisigHash(wallet: ContractAddress, nonce: UInt64, to: ContractAddress, amount: UInt64) -> [UInt8] {
        SHA256.hash(bytes("keel-multisig") + wallet.bytes + le64(nonce) + to.bytes + le64(amount))
    }

    @Test(arguments: Backend.available) func multisigAcceptsValidAndRejectsForgedSignatures(backend: Backend) throws {
        let chain = try Chain(backend: backend)
        let keys = (1...3).map { [UInt8](repeating: 0, count: 31) + [UInt8($0)] }
        let publicKeys = try keys.map { try Secp256k1.publicKey(privateKey: $0, compressed: true) }
        let wallet = try chain.deploy("multisig", input: [2, 3] + publicKeys.flatMap { $0 }, sender: alice)
        try chain.fund(wallet, 1000)

        func execute(_ signers: [Int], nonce: UInt64, amount: UInt64, forge: Bool = false) throws -> ExecutionOutcome {
            let hash = multisigHash(wallet: wallet, nonce: nonce, to: bob, amount: amount)
            var input = bob.bytes + le64(amount) + [UInt8(signers.count)]
            for signer in signers {
                var signature = try Secp256k1.sign(message32: hash, privateKey: keys[signer])
                if forge { signature[40] ^= 0x01 }
                input += [UInt8(signer)] + signature
            }
            return try chain.call(wallet, "execute", input, from: carol)
        }

        let accepted = try execute([0, 2], nonce: 0, amount: 100)
        #expect(accepted.status == .success)
        #expect(accepted.returnData == le64(1))
        #expect(try chain.balance(bob) == 100)
        #expect(try chain.balance(wallet) == 900)

        #expect(try execute([0, 1], nonce: 1, amount: 100, forge: true).status == .aborted("invalid signature"))
        // Replaying nonce 0's signatures fails: the wallet now expects nonce 1.
        #expect(try execute([0, 2], nonce: 0, amount: 100).status == .aborted("invalid signature"))
        #expect(try execute([1], nonce: 1, amount: 100).status == .aborted("not enough signatures"))
        #expect(try execute([1, 1], nonce: 1, amount: 100).status == .aborted("duplicate signer"))
        #expect(try execute([1, 2], nonce: 1, amount: 5000).status == .aborted("insufficient balance"))
        #expect(try chain.balance(bob) == 100)
        #expect(try execute([2, 1], nonce: 1, amount: 900).status == .success)
        #expect(try chain.balance(wallet) == 0)
        #expect(u64(try chain.call(wallet, "nonce", from: carol).returnData) == 2)
    }

    @Test(arguments: Backend.available) func failingCrossContractCallRevertsOnlyItsOwnWrites(backend: Backend) throws {
        let chain = try Chain(backend: backend)
        let counter = try chain.deploy("counter", sender: alice)
        let relay = try chain.deploy("relay", sender: alice)
        try chain.call(counter, "increment", from: alice)

        let forward = { (method: String) throws -> ExecutionOutcome in
            try chain.call(relay, "forward", counter.bytes + [UInt8(method.utf8.count)] + bytes(method), from: bob)
        }
        let failed = try forward("fail_after_write")
        #expect(failed.status == .success)
        #expect(failed.returnData == [2] + bytes("deliberate failure"))
        #expect(failed.events.map(\.contract) == [relay])
        // The counter's +1000 was reverted; the relay's own writes were kept.
        #expect(try chain.call(counter, "get", from: alice).returnData == le64(1))
        #expect(u64(try chain.call(relay, "calls", from: alice).returnData) == 1)
        #expect(try chain.call(relay, "last_status", from: alice).returnData == [2])

        let succeeded = try forward("increment")
        #expect(succeeded.returnData == [0] + le64(2))
        #expect(try chain.call(counter, "get", from: alice).returnData == le64(2))
        #expect(u64(try chain.call(relay, "calls", from: alice).returnData) == 2)
    }

    /// The Embedded Swift name registry: registration, ownership, ordered listing by range
    /// iteration.
    @Test(arguments: Backend.available) func registryInEmbeddedSwift(backend: Backend) throws {
        let chain = try Chain(backend: backend)
        let registry = try chain.deploy("registry", sender: alice)
        for (name, owner) in [("bob", bob), ("alice", alice), ("a-0", alice)] {
            let outcome = try chain.call(registry, "register", bytes(name), from: owner)
            #expect(outcome.status == .success, "\(name)")
            #expect(outcome.events == [ContractEvent(contract: registry, topic: bytes("registered"), data: bytes(name))])
        }
        #expect(try chain.call(registry, "register", bytes("bob"), from: carol).status == .aborted("name taken"))
        #expect(try chain.call(registry, "register", bytes("Bob"), from: carol).status == .aborted("invalid name"))
        #expect(try chain.call(registry, "register", [], from: carol).status == .aborted("invalid name"))
        #expect(try chain.call(registry, "lookup", bytes("bob"), from: carol).returnData == bob.bytes)
        #expect(try chain.call(registry, "lookup", bytes("nobody"), from: carol).returnData == [])

        let listing: [UInt8] = [3] + bytes("a-0") + [5] + bytes("alice") + [3] + bytes("bob")
        #expect(try chain.call(registry, "list", from: carol).returnData == listing)
        #expect(try chain.call(registry, "list", bytes("alice"), from: carol).returnData == [3] + bytes("bob"))

        #expect(try chain.call(registry, "transfer", carol.bytes + bytes("bob"), from: alice).status == .aborted("not the owner"))
        #expect(try chain.call(registry, "transfer", carol.bytes + bytes("bob"), from: bob).status == .success)
        #expect(try chain.call(registry, "lookup", bytes("bob"), from: dave).returnData == carol.bytes)
        #expect(try chain.call(registry, "release", bytes("alice"), from: bob).status == .aborted("not the owner"))
        #expect(try chain.call(registry, "release", bytes("alice"), from: alice).status == .success)
        #expect(try chain.call(registry, "release", bytes("alice"), from: alice).status == .aborted("name not registered"))
        #expect(try chain.call(registry, "list", from: carol).returnData == [3] + bytes("a-0") + [3] + bytes("bob"))
        #expect(try chain.call(registry, "register", bytes("alice"), from: dave).status == .success)
    }

    @Test(arguments: Backend.available) func registryListsInPagesOfAHundred(backend: Backend) throws {
        let chain = try Chain(backend: backend)
        let registry = try chain.deploy("registry", sender: alice)
        let names = (0..<130).map { "name-\(String(1000 + $0))" }
        for name in names.reversed() {
            #expect(try chain.call(registry, "register", bytes(name), from: bob).status == .success)
        }
        func decode(_ data: [UInt8]) -> [String] {
            var result: [String] = []
            var k = 0
            while k < data.count {
                let length = Int(data[k])
                result.append(String(decoding: data[(k + 1)..<(k + 1 + length)], as: UTF8.self))
                k += 1 + length
            }
            return result
        }
        let first = decode(try chain.call(registry, "list", from: carol).returnData)
        #expect(first == Array(names.prefix(100)))
        let second = decode(try chain.call(registry, "list", bytes(first.last!), from: carol).returnData)
        #expect(second == Array(names.dropFirst(100)))
    }

    /// The resolver's cache is per code hash: two addresses holding the same code share one
    /// module, and a state holding other code at the same address gets that code's module.
    @Test(arguments: Backend.available) func resolverCompilesEachDistinctCodeOnce(backend: Backend) throws {
        var configuration = EngineConfiguration.contract
        configuration.backend = backend
        let engine = try Engine(configuration: configuration)
        let resolver = StateContractResolver(engine: engine)
        func state(with code: [UInt8], at addresses: [ContractAddress]) throws -> MemoryStore {
            let store = MemoryStore()
            let overlay = StateOverlay(base: store)
            for address in addresses { try ContractCode.store(code, at: address, in: overlay) }
            try store.write(WriteBatch(overlay.writeSet()), sync: false)
            return store
        }
        let counter = try state(with: sampleContract("counter"), at: [alice, bob])
        // One code entry for two addresses: the write set held three keys.
        #expect(counter.count == 3)
        let token = try state(with: sampleContract("token"), at: [alice])
        let first = try #require(try resolver.module(at: alice, in: counter))
        #expect(try resolver.module(at: alice, in: counter) === first)
        #expect(try resolver.module(at: bob, in: counter) === first)
        let other = try #require(try resolver.module(at: alice, in: token))
        #expect(other !== first)
        #expect(other.exports.contains { $0.name == "transfer_from" })
        #expect(try resolver.module(at: bob, in: token) == nil)
    }

    /// An address naming a code hash whose code is missing is a corrupt state, reported as such.
    @Test func missingCodeIsAStateError() throws {
        let store = MemoryStore()
        try store.write(WriteBatch([StateChange(key: ContractCode.key(for: alice), value: [UInt8](repeating: 7, count: 32))]), sync: false)
        #expect(throws: StateError.self) { try ContractCode.code(at: alice, in: store) }
        try store.write(WriteBatch([StateChange(key: ContractCode.key(for: bob), value: [1, 2, 3])]), sync: false)
        #expect(throws: StateError.invalidValue("code hash of \(bob) is 3 bytes, expected 32")) { try ContractCode.code(at: bob, in: store) }
    }

    @Test(arguments: Backend.available) func deployRefusalsAndFailedInit(backend: Backend) throws {
        let chain = try Chain(backend: backend)
        let code = try sampleContract("counter")
        let deployed = try chain.deploy("counter", sender: alice)
        #expect(throws: ContractHost.DeployError.alreadyDeployed(deployed)) {
            try chain.host.deploy(code: code, at: deployed, sender: alice, input: [], fuel: 10_000_000, state: chain.database, block: chain.block)
        }
        #expect(throws: ContractHost.DeployError.self) {
            try chain.host.deploy(code: [0, 0x61, 0x73, 0x6d, 2, 0, 0, 0], at: address(7), sender: alice, input: [], fuel: 1_000_000,
                state: chain.database, block: chain.block)
        }
        // A failing init leaves nothing behind, not even the code.
        let token = try sampleContract("token")
        let failed = try chain.host.deploy(code: token, at: address(8), sender: alice, input: [1, 2], fuel: 10_000_000,
            state: chain.database, block: chain.block)
        #expect(failed.status == .aborted("bad input length"))
        #expect(failed.writeSet.isEmpty)
        // Deploying is charged per byte of code before init runs.
        let poor = try chain.host.deploy(code: token, at: address(9), sender: alice, input: le64(5), fuel: 10_000,
            state: chain.database, block: chain.block)
        #expect(poor.status == .trapped("out of fuel"))
        #expect(poor.fuelConsumed == 10_000)
    }
}
