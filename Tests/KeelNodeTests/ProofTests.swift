import Keel
import KeelHost
import KeelNode
import KeelState
import KeelStateTree
import Testing

@Suite struct ProofTests {
    /// The head's state root is the tree's: a balance, a nonce, code and contract storage
    /// prove against it, an absent key proves absent, and a tampered value fails.
    @Test(arguments: Backend.available) func stateProvesAgainstTheHeadRoot(backend: Backend) throws {
        let genesis = try testGenesis([("counter", bytes(3))])
        let counter = genesis.contractAddresses[0]
        let chain = try Chain.create(store: MemoryStore(), genesis: genesis, backend: backend)
        try chain.admit(try signed(.transfer(to: dev1.address, amount: 5), by: dev0, nonce: 1))
        try chain.produceBlock(timestamp: startTime + 1, proposer: dev2.address)
        let root = try #require(StateRoot(bytes: chain.head.stateRoot))
        let keys = [
            NativeBalances.key(for: dev1.address), Nonces.key(for: dev0.address), ContractCode.key(for: counter),
            ContractStorage.keyPrefix(for: counter) + Array("counter".utf8),
        ]
        for key in keys {
            let (value, proof) = try chain.prove(key: key)
            #expect(value == (try chain.store.get(key)) && value != nil)
            #expect(StateTree.verify(proof, key: key, value: value, root: root))
            #expect(!StateTree.verify(proof, key: key, value: [0xEE], root: root))
        }
        let absent = NativeBalances.key(for: counter)
        let (value, proof) = try chain.prove(key: absent)
        #expect(value == nil)
        #expect(StateTree.verify(proof, key: absent, value: nil, root: root))
        #expect(!StateTree.verify(proof, key: absent, value: [1], root: root))
    }

    /// The root is the tree's over the whole state: rebuilding a tree from the state's
    /// entries alone (no history) gives the head's root.
    @Test(arguments: Backend.available) func theRootDependsOnlyOnTheState(backend: Backend) throws {
        let chain = try Chain.create(store: MemoryStore(), genesis: try testGenesis([("counter", [])]), backend: backend)
        for k in 0..<3 {
            try chain.admit(try signed(.transfer(to: dev1.address, amount: UInt64(k + 1)), by: dev0, nonce: UInt64(k) + 1))
            try chain.produceBlock(timestamp: startTime + UInt64(k), proposer: dev2.address)
        }
        let state = try chain.store.scan(KeyRange(start: [0x00], end: [0xF0]))
        let fresh = MemoryStore()
        let update = try StateTree(reader: fresh, nodePrefix: 0xF8, stalePrefix: 0xF9)
            .update(version: 0, changes: state.map { StateChange(key: $0.key, value: $0.value) })
        #expect(update.root.bytes == chain.head.stateRoot)
    }
}
