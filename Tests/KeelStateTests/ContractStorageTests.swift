import Testing
import KeelState

/// Per-contract key namespacing.
@Suite("ContractStorage")
struct ContractStorageTests {
    private func address(_ last: UInt8, fill: UInt8 = 0x00) throws -> ContractAddress {
        try ContractAddress(Array(repeating: fill, count: 31) + [last])
    }

    @Test func addressesMustHave32Bytes() {
        #expect(throws: StateError.invalidAddress(length: 31)) { _ = try ContractAddress(Array(repeating: 0, count: 31)) }
        #expect(throws: StateError.invalidAddress(length: 0)) { _ = try ContractAddress([]) }
        #expect(throws: StateError.invalidAddress(length: 33)) { _ = try ContractAddress(Array(repeating: 0, count: 33)) }
    }

    @Test func keysArePrefixedByTagAndAddress() throws {
        let a = try address(0x07)
        let overlay = StateOverlay(base: MemoryStore())
        let storage = ContractStorage(address: a, overlay: overlay)
        storage.set(s("k"), s("v"))
        #expect(overlay.writeSet() == [StateChange(key: [0x01] + a.bytes + s("k"), value: s("v"))])
        #expect(storage.prefix.count == 33)
    }

    @Test(arguments: Backend.allCases)
    func neighboursAreIsolated(backend: Backend) throws {
        try withStore(backend) { store in
            // Addresses that differ only in the last byte, and all-0xFF ones, whose
            // prefix successor carries into the namespace tag.
            let addresses = [
                try address(0x00), try address(0x01), try address(0xFE, fill: 0xFF),
                try address(0xFF, fill: 0xFF), try address(0xFF),
            ]
            var batch = WriteBatch()
            // Keys just outside every namespace in the global key space.
            batch.put([0x01], s("tag only"))
            batch.put([0x02], s("next tag"))
            batch.put([0x00] + Array(repeating: 0xFF, count: 40), s("previous tag"))
            for (index, address) in addresses.enumerated() {
                let prefix = ContractStorage.keyPrefix(for: address)
                batch.put(prefix, s("empty key \(index)"))
                batch.put(prefix + [0xFF, 0xFF], s("ff \(index)"))
                batch.put(prefix + [0x00], s("zero \(index)"))
            }
            try store.write(batch, sync: false)

            let overlay = StateOverlay(base: try store.snapshot())
            for (index, address) in addresses.enumerated() {
                let storage = ContractStorage(address: address, overlay: overlay)
                storage.set(s("own"), s("\(index)"))
            }
            for (index, address) in addresses.enumerated() {
                let storage = ContractStorage(address: address, overlay: overlay)
                let expected = [
                    KeyValue(key: [], value: s("empty key \(index)")),
                    KeyValue(key: [0x00], value: s("zero \(index)")),
                    KeyValue(key: s("own"), value: s("\(index)")),
                    KeyValue(key: [0xFF, 0xFF], value: s("ff \(index)")),
                ]
                #expect(try storage.scan() == expected)
                #expect(try storage.scan(direction: .backward) == expected.reversed())
                #expect(try storage.scan(KeyRange(start: [0x00]), direction: .backward, limit: 10) == expected.dropFirst().reversed())
                #expect(try storage.scan(KeyRange(end: [0xFF])) == Array(expected.prefix(3)))
                #expect(try storage.scan(KeyRange(start: [0xFF, 0xFF, 0x00])).isEmpty)
                #expect(try storage.get(s("own")) == s("\(index)"))
            }
        }
    }

    @Test func contractCannotReachOtherKeys() throws {
        let overlay = StateOverlay(base: MemoryStore())
        let a = ContractStorage(address: try address(0x10), overlay: overlay)
        let b = ContractStorage(address: try address(0x11), overlay: overlay)
        b.set(s("secret"), s("b"))
        #expect(try a.get(s("secret")) == nil)
        a.set(s("secret"), s("a"))
        a.delete(s("other"))
        #expect(try b.get(s("secret")) == s("b"))
        #expect(try a.scan() == [KeyValue(key: s("secret"), value: s("a"))])
        #expect(try b.scan() == [KeyValue(key: s("secret"), value: s("b"))])
        // A key that spells another contract's prefix stays inside the caller's namespace.
        let spoof = ContractStorage.keyPrefix(for: try address(0x11)) + s("secret")
        #expect(try a.get(spoof) == nil)
        #expect(try a.get(Array(spoof.dropFirst())) == nil)
    }

    @Test func checkpointRevertsOnlyTheCalleesContractWrites() throws {
        let overlay = StateOverlay(base: MemoryStore())
        let caller = ContractStorage(address: try address(0x01), overlay: overlay)
        let callee = ContractStorage(address: try address(0x02), overlay: overlay)
        caller.set(s("before"), s("1"))
        let call = overlay.checkpoint()
        callee.set(s("inside"), s("1"))
        try overlay.revert(to: call)
        caller.set(s("after"), s("1"))
        #expect(try callee.scan().isEmpty)
        #expect(try keys(caller.scan()) == [s("after"), s("before")])
    }
}
