import Testing
import KeelState

/// One conformance suite, run against every ``KeyValueStore`` backend.
@Suite("KeyValueStore conformance")
struct StoreConformanceTests {
    @Test(arguments: Backend.allCases)
    func pointReads(backend: Backend) throws {
        try withStore(backend) { store in
            #expect(try store.get(s("missing")) == nil)
            try put(store, [(s("a"), s("1")), (s("empty"), []), ([], s("empty key"))])
            #expect(try store.get(s("a")) == s("1"))
            #expect(try store.get(s("empty")) == [])
            #expect(try store.get([]) == s("empty key"))
            #expect(try store.get(s("a\u{0}")) == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func batchesApplyInOrderAndLastWriteWins(backend: Backend) throws {
        try withStore(backend) { store in
            try put(store, [(s("k"), s("old")), (s("gone"), s("x"))])
            var batch = WriteBatch()
            batch.put(s("k"), s("first"))
            batch.delete(s("k"))
            batch.put(s("k"), s("last"))
            batch.delete(s("gone"))
            batch.delete(s("never-existed"))
            batch.put(s("new"), s("v"))
            batch.delete(s("new"))
            try store.write(batch, sync: true)
            #expect(try store.get(s("k")) == s("last"))
            #expect(try store.get(s("gone")) == nil)
            #expect(try store.get(s("new")) == nil)
            #expect(try store.scan().map(\.key) == [s("k")])
            try store.write(WriteBatch(), sync: false)
        }
    }

    @Test(arguments: Backend.allCases)
    func orderIsBytewiseUnsigned(backend: Backend) throws {
        try withStore(backend) { store in
            let sorted: [[UInt8]] = [[], b(0x00), b(0x00, 0x00), b(0x00, 0xFF), b(0x01), b(0x7F), b(0x80), b(0x80, 0x00), b(0xFE), b(0xFF), b(0xFF, 0x00), b(0xFF, 0xFF)]
            try put(store, sorted.reversed().map { ($0, $0) })
            #expect(try keys(store.scan()) == sorted)
            #expect(try keys(store.scan(direction: .backward)) == sorted.reversed())
        }
    }

    @Test(arguments: Backend.allCases)
    func forwardRangesAreHalfOpen(backend: Backend) throws {
        try withStore(backend) { store in
            try put(store, ["a", "b", "c", "d", "e"].map { (s($0), s($0.uppercased())) })
            #expect(try keys(store.scan(KeyRange(start: s("b"), end: s("d")))) == [s("b"), s("c")])
            #expect(try keys(store.scan(KeyRange(start: s("bb"), end: s("dd")))) == [s("c"), s("d")])
            #expect(try keys(store.scan(KeyRange(start: s("c")))) == [s("c"), s("d"), s("e")])
            #expect(try keys(store.scan(KeyRange(end: s("c")))) == [s("a"), s("b")])
            #expect(try store.scan(KeyRange(start: s("b"), end: s("d"))).map(\.value) == [s("B"), s("C")])
            #expect(try keys(store.scan(limit: 2)) == [s("a"), s("b")])
            #expect(try store.scan(limit: 0).isEmpty)
            #expect(try store.scan(limit: -1).isEmpty)
            #expect(try store.scan(KeyRange(start: s("d"), end: s("b"))).isEmpty)
            #expect(try store.scan(KeyRange(start: s("c"), end: s("c"))).isEmpty)
            #expect(try store.scan(KeyRange(start: s("f"))).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func backwardRangesAreHalfOpen(backend: Backend) throws {
        try withStore(backend) { store in
            try put(store, ["a", "b", "c", "d", "e"].map { (s($0), s($0)) })
            let backward = IterationDirection.backward
            #expect(try keys(store.scan(KeyRange(start: s("b"), end: s("d")), direction: backward)) == [s("c"), s("b")])
            #expect(try keys(store.scan(KeyRange(start: s("bb"), end: s("dd")), direction: backward)) == [s("d"), s("c")])
            #expect(try keys(store.scan(KeyRange(end: s("z")), direction: backward, limit: 2)) == [s("e"), s("d")])
            #expect(try keys(store.scan(KeyRange(start: s("d")), direction: backward)) == [s("e"), s("d")])
            #expect(try keys(store.scan(KeyRange(end: s("a")), direction: backward)).isEmpty)
            #expect(try keys(store.scan(KeyRange(end: s("a\u{0}")), direction: backward)) == [s("a")])
            #expect(try store.scan(KeyRange(start: s("d"), end: s("b")), direction: backward).isEmpty)
            #expect(try store.scan(KeyRange(start: s("f")), direction: backward).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func prefixRangesHandleFFBytes(backend: Backend) throws {
        try withStore(backend) { store in
            let all: [[UInt8]] = [b(0x01), b(0x01, 0xFF), b(0x01, 0xFF, 0xFF), b(0x02), b(0xFF), b(0xFF, 0x00), b(0xFF, 0xFF)]
            try put(store, all.map { ($0, []) })
            #expect(try keys(store.scan(.prefix(b(0x01, 0xFF)))) == [b(0x01, 0xFF), b(0x01, 0xFF, 0xFF)])
            #expect(try keys(store.scan(.prefix(b(0x01)), direction: .backward)) == [b(0x01, 0xFF, 0xFF), b(0x01, 0xFF), b(0x01)])
            #expect(try keys(store.scan(.prefix(b(0xFF)))) == [b(0xFF), b(0xFF, 0x00), b(0xFF, 0xFF)])
            #expect(try keys(store.scan(.prefix(b(0xFF, 0xFF)), direction: .backward)) == [b(0xFF, 0xFF)])
            #expect(try keys(store.scan(.prefix([]))) == all)
        }
    }

    @Test(arguments: Backend.allCases)
    func snapshotsIgnoreLaterWrites(backend: Backend) throws {
        try withStore(backend) { store in
            try put(store, [(s("a"), s("1")), (s("b"), s("2"))])
            let snapshot = try store.snapshot()
            var openCursor = try store.cursor(over: .all, direction: .forward)
            var batch = WriteBatch()
            batch.put(s("a"), s("changed"))
            batch.delete(s("b"))
            batch.put(s("c"), s("3"))
            try store.write(batch, sync: false)

            #expect(try snapshot.get(s("a")) == s("1"))
            #expect(try snapshot.get(s("b")) == s("2"))
            #expect(try snapshot.get(s("c")) == nil)
            #expect(try snapshot.scan() == [KeyValue(key: s("a"), value: s("1")), KeyValue(key: s("b"), value: s("2"))])
            #expect(try keys(snapshot.scan(direction: .backward)) == [s("b"), s("a")])
            #expect(try openCursor.next() == KeyValue(key: s("a"), value: s("1")))
            #expect(try openCursor.next() == KeyValue(key: s("b"), value: s("2")))
            #expect(try openCursor.next() == nil)
            #expect(try openCursor.next() == nil)
            #expect(try store.scan() == [KeyValue(key: s("a"), value: s("changed")), KeyValue(key: s("c"), value: s("3"))])
        }
    }

    @Test(arguments: Backend.allCases)
    func matchesReferenceModel(backend: Backend) throws {
        try withStore(backend) { store in
            var random = TestRandom(state: 0x4B45_454C)
            var model = ModelStore()
            for _ in 0..<60 {
                var batch = WriteBatch()
                for _ in 0..<(1 + random.below(6)) {
                    let key = random.key()
                    if random.below(3) == 0 {
                        batch.delete(key)
                        model.entries[key] = nil
                    } else {
                        let value = random.key()
                        batch.put(key, value)
                        model.entries[key] = value
                    }
                }
                try store.write(batch, sync: false)
                let range = KeyRange(
                    start: random.below(4) == 0 ? nil : random.key(),
                    end: random.below(4) == 0 ? nil : random.key())
                let limit = random.below(3) == 0 ? random.below(5) : nil
                for direction in IterationDirection.allCases {
                    #expect(try store.scan(range, direction: direction, limit: limit) == model.scan(range, direction, limit: limit))
                }
            }
            for key in model.entries.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                #expect(try store.get(key) == model.entries[key])
            }
        }
    }
}
