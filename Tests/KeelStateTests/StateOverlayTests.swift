import Testing
import KeelState

/// The transactional overlay: own writes, merged iteration, checkpoints, write sets.
@Suite("StateOverlay")
struct StateOverlayTests {
    @Test(arguments: Backend.allCases)
    func readsSeeOwnWritesAndDeletes(backend: Backend) throws {
        try withStore(backend) { store in
            try put(store, [(s("a"), s("base-a")), (s("b"), s("base-b"))])
            let overlay = StateOverlay(base: try store.snapshot())
            overlay.set(s("a"), s("new-a"))
            overlay.delete(s("b"))
            overlay.set(s("c"), [])
            #expect(try overlay.get(s("a")) == s("new-a"))
            #expect(try overlay.get(s("b")) == nil)
            #expect(try overlay.get(s("c")) == [])
            #expect(try overlay.get(s("d")) == nil)
            // The base is untouched until the write set is committed.
            #expect(try store.get(s("a")) == s("base-a"))
            #expect(try store.get(s("b")) == s("base-b"))
            #expect(try store.get(s("c")) == nil)
            overlay.set(s("b"), s("back"))
            #expect(try overlay.get(s("b")) == s("back"))
        }
    }

    @Test(arguments: Backend.allCases)
    func mergedIterationBothDirections(backend: Backend) throws {
        try withStore(backend) { store in
            try put(store, ["b", "d", "f", "h"].map { (s($0), s("base-" + $0)) })
            let overlay = StateOverlay(base: store)
            overlay.set(s("a"), s("new-a"))   // before every base key
            overlay.set(s("d"), s("new-d"))   // shadows a base key
            overlay.delete(s("f"))            // hides a base key
            overlay.delete(s("g"))            // delete of an absent key
            overlay.set(s("i"), s("new-i"))   // after every base key
            let expected = [
                KeyValue(key: s("a"), value: s("new-a")),
                KeyValue(key: s("b"), value: s("base-b")),
                KeyValue(key: s("d"), value: s("new-d")),
                KeyValue(key: s("h"), value: s("base-h")),
                KeyValue(key: s("i"), value: s("new-i")),
            ]
            #expect(try overlay.scan() == expected)
            #expect(try overlay.scan(direction: .backward) == expected.reversed())
            #expect(try keys(overlay.scan(KeyRange(start: s("b"), end: s("i")))) == [s("b"), s("d"), s("h")])
            #expect(try keys(overlay.scan(KeyRange(start: s("b"), end: s("i")), direction: .backward)) == [s("h"), s("d"), s("b")])
            #expect(try keys(overlay.scan(KeyRange(start: s("c")), limit: 2)) == [s("d"), s("h")])
            #expect(try keys(overlay.scan(KeyRange(end: s("h")), direction: .backward, limit: 2)) == [s("d"), s("b")])
            #expect(try overlay.scan(KeyRange(start: s("f"), end: s("g\u{0}"))).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func mergedIterationMatchesReferenceModel(backend: Backend) throws {
        try withStore(backend) { store in
            var random = TestRandom(state: 0x0BE2_1A7)
            var model = ModelStore()
            var batch = WriteBatch()
            for _ in 0..<40 {
                let key = random.key()
                let value = random.key()
                batch.put(key, value)
                model.entries[key] = value
            }
            try store.write(batch, sync: false)
            let overlay = StateOverlay(base: try store.snapshot())
            for _ in 0..<80 {
                let key = random.key()
                if random.below(3) == 0 {
                    overlay.delete(key)
                    model.entries[key] = nil
                } else {
                    let value = random.key()
                    overlay.set(key, value)
                    model.entries[key] = value
                }
                let range = KeyRange(
                    start: random.below(4) == 0 ? nil : random.key(),
                    end: random.below(4) == 0 ? nil : random.key())
                let limit = random.below(3) == 0 ? random.below(5) : nil
                for direction in IterationDirection.allCases {
                    #expect(try overlay.scan(range, direction: direction, limit: limit) == model.scan(range, direction, limit: limit))
                }
            }
            // Committing the write set makes the store equal to the merged view.
            try store.write(WriteBatch(overlay.writeSet()), sync: true)
            #expect(try store.scan() == model.scan(.all, .forward))
        }
    }

    @Test func cursorIgnoresLaterOverlayWrites() throws {
        let store = MemoryStore()
        try put(store, [(s("b"), s("1"))])
        let overlay = StateOverlay(base: store)
        overlay.set(s("a"), s("0"))
        var cursor = try overlay.cursor(over: .all, direction: .forward)
        overlay.set(s("c"), s("2"))
        overlay.delete(s("a"))
        #expect(try cursor.next()?.key == s("a"))
        #expect(try cursor.next()?.key == s("b"))
        #expect(try cursor.next() == nil)
    }

    @Test func writeSetIsSortedWithDeletes() {
        let overlay = StateOverlay(base: MemoryStore())
        overlay.set(s("zeta"), s("z"))
        overlay.delete(s("beta"))
        overlay.set(b(0xFF), s("ff"))
        overlay.set(s("alpha"), s("a1"))
        overlay.set(s("alpha"), s("a2"))
        overlay.set(b(0x80), s("80"))
        overlay.set([], s("empty"))
        #expect(overlay.writeSet() == [
            StateChange(key: [], value: s("empty")),
            StateChange(key: s("alpha"), value: s("a2")),
            StateChange(key: s("beta"), value: nil),
            StateChange(key: s("zeta"), value: s("z")),
            StateChange(key: b(0x80), value: s("80")),
            StateChange(key: b(0xFF), value: s("ff")),
        ])
        #expect(WriteBatch(overlay.writeSet()).operations[2] == .delete(key: s("beta")))
    }

    @Test func nestedCheckpointRevertsOnlyItsOwnWrites() throws {
        let store = MemoryStore()
        try put(store, [(s("x"), s("base"))])
        let overlay = StateOverlay(base: store)
        overlay.set(s("caller"), s("1"))
        let outer = overlay.checkpoint()
        overlay.set(s("callee"), s("1"))
        overlay.set(s("x"), s("callee"))
        let inner = overlay.checkpoint()
        overlay.set(s("nested"), s("1"))
        overlay.delete(s("x"))
        #expect(try overlay.get(s("x")) == nil)
        try overlay.revert(to: inner)
        #expect(try overlay.get(s("nested")) == nil)
        #expect(try overlay.get(s("x")) == s("callee"))
        #expect(overlay.openCheckpointCount == 1)
        try overlay.revert(to: outer)
        #expect(try overlay.get(s("callee")) == nil)
        #expect(try overlay.get(s("x")) == s("base"))
        #expect(overlay.writeSet() == [StateChange(key: s("caller"), value: s("1"))])
        #expect(overlay.openCheckpointCount == 0)
    }

    @Test func committedInnerWritesRevertWithTheirParent() throws {
        let overlay = StateOverlay(base: MemoryStore())
        overlay.set(s("k"), s("0"))
        let outer = overlay.checkpoint()
        overlay.set(s("k"), s("1"))
        let inner = overlay.checkpoint()
        overlay.set(s("k"), s("2"))
        overlay.set(s("other"), s("2"))
        try overlay.commit(inner)
        #expect(try overlay.get(s("k")) == s("2"))
        try overlay.revert(to: outer)
        #expect(try overlay.get(s("k")) == s("0"))
        #expect(try overlay.get(s("other")) == nil)
        #expect(overlay.writeSet() == [StateChange(key: s("k"), value: s("0"))])
    }

    @Test func committedOutermostCheckpointKeepsWrites() throws {
        let overlay = StateOverlay(base: MemoryStore())
        let first = overlay.checkpoint()
        overlay.set(s("a"), s("1"))
        try overlay.commit(first)
        let second = overlay.checkpoint()
        overlay.set(s("b"), s("2"))
        try overlay.revert(to: second)
        #expect(overlay.writeSet() == [StateChange(key: s("a"), value: s("1"))])
    }

    @Test func revertingAnOuterCheckpointClosesInnerOnes() throws {
        let overlay = StateOverlay(base: MemoryStore())
        let outer = overlay.checkpoint()
        overlay.set(s("a"), s("1"))
        let inner = overlay.checkpoint()
        overlay.set(s("b"), s("2"))
        try overlay.revert(to: outer)
        #expect(overlay.writeSet().isEmpty)
        #expect(throws: StateError.checkpointNotOpen) { try overlay.revert(to: inner) }
        #expect(throws: StateError.checkpointNotOpen) { try overlay.commit(inner) }
        #expect(throws: StateError.checkpointNotOpen) { try overlay.revert(to: outer) }
    }

    @Test func checkpointMisuseIsATypedError() throws {
        let overlay = StateOverlay(base: MemoryStore())
        let outer = overlay.checkpoint()
        let inner = overlay.checkpoint()
        #expect(throws: StateError.checkpointNotInnermost) { try overlay.commit(outer) }
        try overlay.commit(inner)
        try overlay.commit(outer)
        #expect(throws: StateError.checkpointNotOpen) { try overlay.commit(outer) }
        let other = StateOverlay(base: MemoryStore())
        let foreign = other.checkpoint()
        #expect(throws: StateError.checkpointNotOpen) { try overlay.revert(to: foreign) }
    }

    @Test func overlaysStack() throws {
        let store = MemoryStore()
        try put(store, [(s("a"), s("store"))])
        let block = StateOverlay(base: store)
        block.set(s("b"), s("block"))
        let transaction = StateOverlay(base: block)
        transaction.delete(s("a"))
        transaction.set(s("c"), s("tx"))
        #expect(try keys(transaction.scan()) == [s("b"), s("c")])
        block.apply(transaction.writeSet())
        #expect(try keys(block.scan(direction: .backward)) == [s("c"), s("b")])
        #expect(block.writeSet().map(\.key) == [s("a"), s("b"), s("c")])
    }
}
