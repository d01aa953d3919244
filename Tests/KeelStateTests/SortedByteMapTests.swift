import Testing
@testable import KeelState

/// `SortedByteMap` (chunked) against the original single sorted array on random operation
/// sequences with fixed seeds: every lookup, position, range and iteration must agree.
@Suite("SortedByteMap")
struct SortedByteMapTests {
    /// A random key: 1–6 bytes over a small alphabet with edge bytes (prefixes and
    /// collisions are common), or 33 bytes like a balance key.
    static func randomKey(_ random: inout TestRandom) -> [UInt8] {
        let alphabet: [UInt8] = [0x00, 0x01, 0x02, 0x7F, 0x80, 0xFE, 0xFF, 0x41, 0x42, 0x43]
        let length = random.below(8) == 0 ? 33 : 1 + random.below(6)
        return (0..<length).map { _ in alphabet[random.below(alphabet.count)] }
    }

    /// Checks every observation of `map` against `model`.
    static func expectEqual(_ map: SortedByteMap<Int>, _ model: ReferenceSortedMap<Int>, probes: [[UInt8]]) {
        #expect(map.count == model.count)
        var entries: [([UInt8], Int)] = []
        map.forEach { entries.append(($0, $1)) }
        #expect(entries.map(\.0) == model.keys)
        #expect(entries.map(\.1) == model.values)
        for position in 0..<model.count {
            let entry = map.entry(at: position)
            #expect(entry.key == model.keys[position] && entry.value == model.values[position])
        }
        for probe in probes {
            #expect(map.lowerBound(probe) == model.lowerBound(probe))
            #expect(map.index(of: probe) == model.index(of: probe))
            #expect(map.value(at: probe) == model.value(at: probe))
        }
        for (start, end) in zip(probes, probes.reversed()) {
            let range = KeyRange(start: start, end: end)
            #expect(map.indices(in: range) == model.indices(in: range))
            #expect(map.indices(in: KeyRange(start: start)) == model.indices(in: KeyRange(start: start)))
            #expect(map.indices(in: KeyRange(end: end)) == model.indices(in: KeyRange(end: end)))
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func randomOperationsMatchTheSortedArray(seed: UInt64) {
        var random = TestRandom(state: seed)
        var map = SortedByteMap<Int>()
        var model = ReferenceSortedMap<Int>()
        // Copies taken along the way must keep their contents while the original changes.
        var copies: [(SortedByteMap<Int>, ReferenceSortedMap<Int>)] = []
        for step in 0..<6000 {
            let key = Self.randomKey(&random)
            // Grow for the first part (several chunks), then remove as often as insert.
            let removeWeight = step < 4000 ? 1 : 3
            if random.below(4) < removeWeight {
                #expect(map.remove(key) == model.remove(key))
            } else {
                #expect(map.set(key, step) == model.set(key, step))
            }
            if step % 1500 == 0 { copies.append((map, model)) }
            if step % 500 == 0 {
                Self.expectEqual(map, model, probes: (0..<40).map { _ in Self.randomKey(&random) })
            }
        }
        #expect(model.count > 2 * SortedByteMap<Int>.chunkCapacity || copies.contains { $0.1.count > 2 * SortedByteMap<Int>.chunkCapacity })
        Self.expectEqual(map, model, probes: (0..<200).map { _ in Self.randomKey(&random) })
        for (copy, copyModel) in copies {
            Self.expectEqual(copy, copyModel, probes: (0..<40).map { _ in Self.randomKey(&random) })
        }
        // Emptying removes every chunk.
        for key in model.keys { map.remove(key) }
        #expect(map.count == 0 && map.lowerBound([0x41]) == 0 && map.index(of: [0x41]) == nil)
        map.set([0x41], 1)
        #expect(map.count == 1 && map.value(at: [0x41]) == 1)
        map.removeAll()
        #expect(map.count == 0)
    }

    @Test func ascendingAndDescendingInsertsSplitChunks() {
        var map = SortedByteMap<Int>()
        var model = ReferenceSortedMap<Int>()
        let count = 3 * SortedByteMap<Int>.chunkCapacity + 7
        for index in 0..<count {
            let up = [UInt8(index >> 8), UInt8(index & 0xFF), 0x01]
            let down = [UInt8(0xFF - (index >> 8)), UInt8(0xFF - (index & 0xFF))]
            map.set(up, index)
            model.set(up, index)
            map.set(down, -index)
            model.set(down, -index)
        }
        Self.expectEqual(map, model, probes: [[], [0x00], [0x01, 0x00], [0x80], [0xFF], [0xFF, 0xFF, 0xFF], [0x0B, 0xFF]])
    }
}
