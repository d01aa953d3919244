import Keel
import KeelCrypto
import KeelNode
import KeelState
import Testing

@Suite struct AdmissionTests {
    private func rejection(_ chain: Chain, _ bytes: [UInt8]) -> AdmissionError? {
        do {
            try chain.admit(bytes)
            return nil
        } catch let error as AdmissionError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    /// Each wrong field is rejected with an error naming it; nothing is admitted.
    @Test(arguments: Backend.available) func rejectsEachBadField(backend: Backend) throws {
        let chain = try Chain.create(store: MemoryStore(), genesis: try testGenesis(), backend: backend)
        let transfer = Payload.transfer(to: dev1.address, amount: 10)
        let good = try signed(transfer, by: dev0)

        #expect(rejection(chain, Array(good.dropLast()))?.field == "signature.recoveryId")
        var zeroR = good
        for k in 74..<106 { zeroR[k] = 0 }
        #expect(rejection(chain, zeroR)?.field == "signature")
        #expect(rejection(chain, try signed(transfer, by: dev0, chainId: 8)) == .chainId(expected: testChainId, actual: 8))
        #expect(rejection(chain, try signed(transfer, by: dev0, nonce: 5)) == .nonce(expected: 0, actual: 5))
        let intrinsic = IntrinsicFuel.v1.fuel(byteCount: good.count)
        #expect(rejection(chain, try signed(transfer, by: dev0, fuelLimit: 100)) == .fuelLimit(limit: 100, minimum: intrinsic, maximum: 100_000_000))
        #expect(rejection(chain, try signed(transfer, by: dev0, fuelLimit: 100_000_001))?.field == "fuelLimit")
        #expect(rejection(chain, try signed(transfer, by: dev0, fuelLimit: 10_000, fuelPrice: .max)) == .costOverflow)
        #expect(rejection(chain, try signed(.transfer(to: dev1.address, amount: .max - 5000), by: dev0, fuelLimit: 10_000)) == .costOverflow)
        let rich = try signed(.transfer(to: dev1.address, amount: startBalance), by: dev0, fuelLimit: 10_000, fuelPrice: 1)
        #expect(rejection(chain, rich) == .balance(required: startBalance + 10_000, available: startBalance))
        #expect(chain.pending.isEmpty)

        try chain.admit(good)
        #expect(rejection(chain, good) == .duplicate(SHA256.hash(good)))
        #expect(chain.pending.count == 1)
    }

    /// Pending transactions count: the next nonce follows them, and their maximum cost is
    /// set aside from the balance.
    @Test(arguments: Backend.available) func pendingTransactionsCount(backend: Backend) throws {
        let chain = try Chain.create(store: MemoryStore(), genesis: try testGenesis(), backend: backend)
        let half = startBalance / 2
        try chain.admit(try signed(.transfer(to: dev1.address, amount: half), by: dev0, fuelLimit: 10_000))
        #expect(try chain.nextNonce(of: dev0.address) == 1)
        #expect(rejection(chain, try signed(.transfer(to: dev1.address, amount: 1), by: dev0)) == .nonce(expected: 1, actual: 0))
        let second = try signed(.transfer(to: dev1.address, amount: half), by: dev0, nonce: 1, fuelLimit: 10_000)
        #expect(rejection(chain, second) == .balance(required: half + 10_000, available: half - 10_000))
        try chain.admit(try signed(.transfer(to: dev1.address, amount: 1), by: dev0, nonce: 1))
        #expect(chain.pending.count == 2)
    }
}
