import KeelFrontEnd
import Testing

@testable import KeelJIT

/// The choice of register homes for locals (`JITGenerator.homes`): for each class, the heaviest
/// locals at or above the minimum weight, ties broken by index, the k-th heaviest in the k-th
/// register. The one-pass selection must equal the definition, sorting every candidate, on
/// functions of every size, with heavy ties and both classes mixed.
@Suite struct LocalHomesTests {
    typealias Generator = JITGenerator<X64MacroAssembler>

    /// The definition: sort the candidates (weight descending, index ascending), then hand out
    /// each class's registers in that order.
    static func reference(types: [ValueType], weights: [UInt32]) -> [Generator.LocalHome] {
        var homes = Array(repeating: Generator.LocalHome.slot, count: types.count)
        let order = types.indices.filter { weights[$0] >= minimumLocalWeight }.sorted {
            weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1
        }
        var integers = X64MacroAssembler.localRegisters[...], floats = X64MacroAssembler.localFloatRegisters[...]
        for index in order {
            if types[index].isFloat {
                if let x = floats.popFirst() { homes[index] = .floatRegister(x) }
            } else if let r = integers.popFirst() {
                homes[index] = .register(r)
            }
        }
        return homes
    }

    @Test func sameChoiceAsSortingEveryCandidate() {
        let kinds: [ValueType] = [.i32, .i64, .f32, .f64, .funcref, .externref]
        var state: UInt64 = 0x6C6F_6361_6C73
        func next() -> UInt64 {
            // A fixed linear congruential sequence (Knuth's MMIX constants).
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        var homes: [Generator.LocalHome] = []
        var registersGiven = 0
        for count in [0, 1, 3, 4, 5, 8, 11, 12, 30, 200] {
            for round in 0..<40 {
                let types = (0..<count).map { _ in kinds[Int(next() % UInt64(kinds.count))] }
                // Few distinct weights (many ties) in even rounds, wide ones in odd rounds;
                // some below the minimum, some saturated.
                let weights: [UInt32] = (0..<count).map { _ in
                    round % 2 == 0 ? [0, 1, 2, 8, 64][Int(next() % 5)] : (next() % 9 == 0 ? .max : UInt32(next() % 5000))
                }
                Generator.homes(types: types, weights: weights, into: &homes)
                #expect(homes == Self.reference(types: types, weights: weights), "types \(types) weights \(weights)")
                registersGiven += homes.filter { $0 != .slot }.count
            }
        }
        // Without usage weights every local stays in its slot.
        Generator.homes(types: [.i32, .f64], weights: [], into: &homes)
        #expect(homes == [.slot, .slot])
        #expect(registersGiven > 1_000)
    }
}
