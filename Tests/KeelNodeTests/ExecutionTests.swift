import Keel
import KeelHost
import KeelNode
import KeelState
import Testing

@Suite struct ExecutionTests {
    /// Admits each transaction and produces one block with dev2 as proposer.
    private func mine(_ chain: Chain, _ transactions: [[UInt8]], at offset: UInt64 = 1) throws -> BlockExecution {
        for transaction in transactions { try chain.admit(transaction) }
        return try chain.produceBlock(timestamp: startTime + offset, proposer: dev2.address)
    }

    private func intrinsic(_ bytes: [UInt8]) -> UInt64 { IntrinsicFuel.v1.fuel(byteCount: bytes.count) }

    /// A transfer moves its amount, uses exactly the intrinsic fuel, pays fuel × price to the
    /// proposer and bumps the nonce.
    @Test(arguments: Backend.available) func transferMovesBalancesAndPaysFees(backend: Backend) throws {
        let chain = try Chain.create(store: MemoryStore(), genesis: try testGenesis(), backend: backend)
        let bytes = try signed(.transfer(to: dev1.address, amount: 1000), by: dev0, fuelLimit: 100_000, fuelPrice: 3)
        let execution = try mine(chain, [bytes])
        let receipt = try #require(execution.receipts.first)
        #expect(receipt.status == .success)
        #expect(receipt.fuelUsed == intrinsic(bytes))
        #expect(receipt.fuelUsed == 5000 + 10 * 139)
        let fee = receipt.fuelUsed * 3
        #expect(try chain.balance(of: dev0.address) == startBalance - 1000 - fee)
        #expect(try chain.balance(of: dev1.address) == startBalance + 1000)
        #expect(try chain.balance(of: dev2.address) == startBalance + fee)
        #expect(try chain.nonce(of: dev0.address) == 1)
        #expect(receipt.writeSetHash == WriteSet.hash(execution.transactionWriteSets[0]))
        #expect(execution.transactionWriteSets[0].map(\.key) == [
            NativeBalances.key(for: dev0.address), NativeBalances.key(for: dev1.address), NativeBalances.key(for: dev2.address),
            Nonces.key(for: dev0.address),
        ].sorted { $0.lexicographicallyPrecedes($1) })
    }

    /// A call that aborts after writing keeps only its fee and nonce: its storage write and
    /// event are reverted, its log is kept, the fuel it used is paid.
    @Test(arguments: Backend.available) func failingCallRevertsButPaysAndBumpsTheNonce(backend: Backend) throws {
        let genesis = try testGenesis([("counter", bytes(41))])
        let counter = genesis.contractAddresses[0]
        let chain = try Chain.create(store: MemoryStore(), genesis: genesis, backend: backend)
        let call = try signed(.call(contract: counter, method: "fail_after_write", input: [], value: 25), by: dev1, fuelPrice: 2)
        let receipt = try #require(try mine(chain, [call]).receipts.first)
        #expect(receipt.status == .aborted("deliberate failure"))
        #expect(receipt.fuelUsed > intrinsic(call) && receipt.fuelUsed < 1_000_000)
        #expect(receipt.events.isEmpty)
        #expect(receipt.logs == [ContractLog(contract: counter, message: "counter: failing after write")])
        #expect(try chain.storage(of: counter, key: Array("counter".utf8)) == bytes(41))
        #expect(try chain.balance(of: counter) == 0)  // the value moved back
        #expect(try chain.balance(of: dev1.address) == startBalance - receipt.fuelUsed * 2)
        #expect(try chain.nonce(of: dev1.address) == 1)

        let increment = try signed(.call(contract: counter, method: "increment", input: [], value: 25), by: dev1, nonce: 1)
        let success = try #require(try mine(chain, [increment], at: 2).receipts.first)
        #expect(success.status == .success)
        #expect(success.returnData == bytes(42))
        #expect(success.events == [ContractEvent(contract: counter, topic: Array("incremented".utf8), data: bytes(42))])
        #expect(try chain.balance(of: counter) == 25)
    }

    /// Running out of fuel charges the whole limit and reverts the call.
    @Test(arguments: Backend.available) func outOfFuelChargesTheLimit(backend: Backend) throws {
        let genesis = try testGenesis([("counter", [])])
        let counter = genesis.contractAddresses[0]
        let chain = try Chain.create(store: MemoryStore(), genesis: genesis, backend: backend)
        let probe = try signed(.call(contract: counter, method: "increment", input: [], value: 0), by: dev1, fuelLimit: 1)
        let limit = intrinsic(probe) + 50
        let call = try signed(.call(contract: counter, method: "increment", input: [], value: 0), by: dev1, fuelLimit: limit)
        let receipt = try #require(try mine(chain, [call]).receipts.first)
        #expect(receipt.status == .outOfFuel)
        #expect(receipt.fuelUsed == limit)
        #expect(try chain.balance(of: dev1.address) == startBalance - limit)
        #expect(try chain.storage(of: counter, key: Array("counter".utf8)) == bytes(0))
    }

    /// A trap carries its stable kind; code that does not compile is rejected but pays.
    @Test(arguments: Backend.available) func trapsAndRejectionsAreReported(backend: Backend) throws {
        let genesis = try testGenesis([("counter", [])])
        let counter = genesis.contractAddresses[0]
        let chain = try Chain.create(store: MemoryStore(), genesis: genesis, backend: backend)
        let missing = try signed(.call(contract: counter, method: "nope", input: [], value: 0), by: dev1)
        let garbage = try signed(.deploy(code: [0, 0x61, 0x73, 0x6d, 9, 0, 0, 0], initInput: [], value: 0), by: dev1, nonce: 1)
        let receipts = try mine(chain, [missing, garbage]).receipts
        #expect(receipts[0].status == .trapped(.host, "no method nope in contract \(counter)"))
        guard case .rejected(let reason) = receipts[1].status else { Issue.record("expected a rejection: \(receipts[1].status)"); return }
        #expect(reason.hasPrefix("contract does not compile"))
        #expect(receipts[1].fuelUsed == intrinsic(garbage))
        #expect(try chain.nonce(of: dev1.address) == 2)
        #expect(try chain.code(at: Account.contractAddress(deployer: dev1.address, nonce: 1)) == nil)
    }

    /// The same code deployed twice lives at two addresses and is stored once.
    @Test(arguments: Backend.available) func deployingTwiceGivesTwoAddressesAndOneCode(backend: Backend) throws {
        let chain = try Chain.create(store: MemoryStore(), genesis: try testGenesis(), backend: backend)
        let code = try sampleContract("counter")
        let first = try signed(.deploy(code: code, initInput: bytes(5), value: 0), by: dev0, fuelLimit: 5_000_000)
        let second = try signed(.deploy(code: code, initInput: bytes(9), value: 0), by: dev0, nonce: 1, fuelLimit: 5_000_000)
        let receipts = try mine(chain, [first, second]).receipts
        let addresses = [0, 1].map { Account.contractAddress(deployer: dev0.address, nonce: UInt64($0)) }
        #expect(receipts.map(\.status) == [.success, .success])
        #expect(receipts.map(\.returnData) == addresses.map(\.bytes))
        #expect(try chain.code(at: addresses[0]) == code && chain.code(at: addresses[1]) == code)
        #expect(try chain.store.scan(KeyRange(start: [ContractCode.codeNamespaceTag], end: [ContractCode.codeNamespaceTag + 1])).count == 1)
        let outcome = try chain.query(contract: addresses[1], method: "get", sender: dev0.address)
        #expect(outcome.returnData == bytes(9))
    }

    /// A transaction that became invalid inside a block (the sender spent its balance in an
    /// earlier one) is left out by the producer and recorded as invalid in a given block.
    @Test(arguments: Backend.available) func invalidInsideABlock(backend: Backend) throws {
        let chain = try Chain.create(store: MemoryStore(), genesis: try testGenesis(), backend: backend)
        let spendAll = try signed(.transfer(to: dev1.address, amount: startBalance - 10_000), by: dev0, fuelLimit: 10_000)
        let more = try signed(.transfer(to: dev1.address, amount: 1), by: dev0, nonce: 1, fuelLimit: 10_000)
        let execution = try chain.execute(transactions: [spendAll, more, [1, 2, 3]], timestamp: startTime, proposer: dev2.address)
        #expect(execution.receipts[0].status == .success)
        guard case .invalid(let reason) = execution.receipts[1].status else { Issue.record("expected invalid"); return }
        #expect(reason.hasPrefix("balance:"))
        #expect(execution.receipts[1].fuelUsed == 0 && execution.transactionWriteSets[1].isEmpty)
        guard case .invalid = execution.receipts[2].status else { Issue.record("expected invalid"); return }
        #expect(execution.block.transactions.count == 3)
        // Verified elsewhere (as parallel signature checks would), the same block results.
        let verified = try [spendAll, more].map { try VerifiedTransaction($0) }
        let same = try chain.execute(verified: verified, timestamp: startTime, proposer: dev2.address)
        #expect(same.receipts == Array(execution.receipts.prefix(2)))
        #expect(same.writeSet == (try chain.execute(transactions: [spendAll, more], timestamp: startTime, proposer: dev2.address)).writeSet)
    }

    /// A block holds transactions up to its fuel: the producer leaves the rest pending for
    /// the next block, and a given block that reserves more is refused.
    @Test(arguments: Backend.available) func blockFuelLimitsTheBlock(backend: Backend) throws {
        let chain = try Chain.create(store: MemoryStore(), genesis: try testGenesis(fuelPerBlock: 20_000), backend: backend)
        let transfers = try (0..<3).map { try signed(.transfer(to: dev1.address, amount: 1), by: dev0, nonce: UInt64($0), fuelLimit: 10_000) }
        #expect(throws: ChainError.blockFuel(total: 30_000, limit: 20_000)) {
            try chain.execute(transactions: transfers, timestamp: startTime, proposer: dev2.address)
        }
        for transfer in transfers { try chain.admit(transfer) }
        #expect(try chain.produceBlock(timestamp: startTime, proposer: dev2.address).receipts.count == 2)
        #expect(chain.pending.count == 1)
        #expect(try chain.nextNonce(of: dev0.address) == 3)
        #expect(try chain.produceBlock(timestamp: startTime, proposer: dev2.address).block.transactions == [transfers[2]])
        #expect(chain.pending.isEmpty)
        #expect(try chain.nonce(of: dev0.address) == 3)
    }

    /// A block repeating a committed transaction records the repeat as invalid, and the
    /// transaction's hash still finds where it executed.
    @Test(arguments: Backend.available) func aRepeatedTransactionKeepsItsLocation(backend: Backend) throws {
        let chain = try Chain.create(store: MemoryStore(), genesis: try testGenesis(), backend: backend)
        let transfer = try signed(.transfer(to: dev1.address, amount: 1), by: dev0)
        let hash = try mine(chain, [transfer]).transactionHashes[0]
        let repeated = try chain.execute(transactions: [transfer, transfer], timestamp: startTime + 2, proposer: dev2.address)
        #expect(repeated.receipts.map(\.status) == [.invalid("nonce: 0, the sender's next nonce is 1"), .invalid("nonce: 0, the sender's next nonce is 1")])
        try chain.commit(repeated)
        #expect(try chain.location(ofTransaction: hash) == TransactionLocation(height: 1, index: 0))
        #expect(try chain.receipt(ofTransaction: hash)?.status == .success)
        #expect(throws: AdmissionError.duplicate(hash)) { try chain.admit(transfer) }
    }
}
