import Keel
import Testing

/// Host functions on both backends and in both forms (`Linker.define` with `[Value]` arrays and
/// `Linker.defineRaw` on the slots in place): every parameter and result type, several results,
/// no parameters, traps, calls back into WebAssembly, and fuel the host charges.
@Suite struct HostFunctionTests {
    /// How a test's host functions are defined.
    enum Form: CaseIterable {
        case values, raw
    }

    static let wat = """
        (module
          (import "host" "swap" (func $swap (param i32 i64 f32 f64) (result f64 f32 i64 i32)))
          (import "host" "constants" (func $constants (result i32 i64 f32 f64)))
          (import "host" "i32" (func $i32 (param i32) (result i32)))
          (import "host" "i64" (func $i64 (param i64) (result i64)))
          (import "host" "f32" (func $f32 (param f32) (result f32)))
          (import "host" "f64" (func $f64 (param f64) (result f64)))
          (import "host" "mixed" (func $mixed (param i64 i32) (result i32 i64)))
          (import "host" "sink" (func $sink (param i32 i32)))
          (import "host" "fail" (func $fail (param i32) (result i32)))
          (import "host" "charge" (func $charge (param i64) (result i64)))
          (import "host" "reenter" (func $reenter (param i32) (result i32)))
          (import "host" "partial" (func $partial (param i64) (result i64 i64 i64)))
          (memory (export "memory") 1)
          (func (export "swap") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
            (call $swap (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
          (func (export "constants") (result i32 i64 f32 f64) (call $constants))
          (func (export "i32") (param i32) (result i32) (call $i32 (local.get 0)))
          (func (export "i64") (param i64) (result i64) (call $i64 (local.get 0)))
          (func (export "f32") (param f32) (result f32) (call $f32 (local.get 0)))
          (func (export "f64") (param f64) (result f64) (call $f64 (local.get 0)))
          (func (export "mixed") (param i64 i32) (result i32 i64) (call $mixed (local.get 0) (local.get 1)))
          (func (export "sink") (param i32 i32)
            (call $sink (local.get 0) (local.get 1))
            (i32.store (i32.const 8) (local.get 1)))
          (func (export "fail") (param i32) (result i32)
            (i32.store (i32.const 0) (i32.const 7))
            (i32.add (call $fail (local.get 0)) (i32.const 1)))
          (func (export "charge") (param i64) (result i64) (i64.add (call $charge (local.get 0)) (i64.const 1)))
          (func (export "loop") (param i32) (result i32) (local $i i32) (local $x i32)
            (loop $l
              (local.set $x (call $i32 (local.get $x)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get 0))))
            (local.get $x))
          (func (export "partial") (param i64) (result i64 i64 i64)
            (local $garbage i64)
            (local.set $garbage (i64.mul (local.get 0) (i64.const 0x0101010101)))
            (drop (i64.add (local.get $garbage) (i64.const 1)))
            (drop (i64.add (i64.add (local.get $garbage) (i64.const 2)) (i64.add (local.get $garbage) (i64.const 3))))
            (call $partial (local.get 0)))
          (func $down (export "down") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1000))
              (else (i32.add (call $reenter (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))
        """

    /// The `Float` of an f32 value, with its exact bits.
    static func f32(_ value: Value) -> Float {
        if case .f32(let bits) = value { return Float(bitPattern: bits) }
        return .nan
    }

    /// Defines the module's imports in `form`. Both forms compute the same thing; `charge`
    /// charges `amount` fuel before returning it; `reenter` calls the caller's export `down`.
    static func define(_ linker: Linker, _ form: Form) {
        func type(_ parameters: [ValueType], _ results: [ValueType]) -> FunctionType {
            FunctionType(parameters: parameters, results: results)
        }
        switch form {
        case .raw:
            linker.defineRaw(module: "host", name: "swap", type: type([.i32, .i64, .f32, .f64], [.f64, .f32, .i64, .i32])) { _, slots in
                let (a, b, c, d) = (slots.i32(0), slots.i64(1), slots.f32(2), slots.f64(3))
                slots.setF64(0, d * 2)
                slots.setF32(1, c + 1)
                slots.setI64(2, b &* 3)
                slots.setI32(3, a ^ 0xFFFF)
            }
            linker.defineRaw(module: "host", name: "constants", type: type([], [.i32, .i64, .f32, .f64])) { _, slots in
                slots.setI32(0, 0xDEAD_BEEF)
                slots.setI64(1, 0x0123_4567_89AB_CDEF)
                slots.setF32(2, Float(bitPattern: 0x7FA0_0001))  // a signalling NaN, bits kept
                slots.setF64(3, -0.0)
            }
            linker.defineRaw(module: "host", name: "i32", type: type([.i32], [.i32])) { _, slots in slots.setI32(0, slots.i32(0) &+ 1) }
            linker.defineRaw(module: "host", name: "i64", type: type([.i64], [.i64])) { _, slots in slots.setI64(0, ~slots.i64(0)) }
            linker.defineRaw(module: "host", name: "f32", type: type([.f32], [.f32])) { _, slots in slots.setF32(0, -slots.f32(0)) }
            linker.defineRaw(module: "host", name: "f64", type: type([.f64], [.f64])) { _, slots in slots.setF64(0, slots.f64(0) / 4) }
            linker.defineRaw(module: "host", name: "mixed", type: type([.i64, .i32], [.i32, .i64])) { _, slots in
                let (a, b) = (slots.i64(0), slots.i32(1))
                slots.setI32(0, UInt32(truncatingIfNeeded: a >> 32) &+ b)
                slots.setI64(1, a &- UInt64(b))
            }
            linker.defineRaw(module: "host", name: "sink", type: type([.i32, .i32], [])) { caller, slots in
                try caller.memory()!.write([UInt8(truncatingIfNeeded: slots.i32(0))], at: Int(slots.i32(1) % 4))
            }
            linker.defineRaw(module: "host", name: "fail", type: type([.i32], [.i32])) { _, slots in
                if slots.i32(0) == 1 { throw Trap.host("the host refuses \(slots.i32(0))") }
                if slots.i32(0) == 2 { throw Trap(.integerDivideByZero) }
                slots.setI32(0, 40)
            }
            linker.defineRaw(module: "host", name: "charge", type: type([.i64], [.i64])) { caller, slots in
                try caller.consumeFuel(slots.i64(0))
                slots.setI64(0, slots.i64(0))
            }
            // Writes only result 2: result 0 keeps the parameter, result 1 is 0.
            linker.defineRaw(module: "host", name: "partial", type: type([.i64], [.i64, .i64, .i64])) { _, slots in
                slots.setI64(2, 5)
            }
            linker.defineRaw(module: "host", name: "reenter", type: type([.i32], [.i32])) { caller, slots in
                guard case .function(let down) = caller.export("down") else { throw Trap.host("no export down") }
                guard case .i32(let result) = try down.call([.i32(slots.i32(0))])[0] else { throw Trap.host("down: not an i32") }
                slots.setI32(0, result)
            }
        case .values:
            linker.define(module: "host", name: "swap", type: type([.i32, .i64, .f32, .f64], [.f64, .f32, .i64, .i32])) { _, arguments in
                guard case .i32(let a) = arguments[0], case .i64(let b) = arguments[1], case .f64(let d) = arguments[3] else { return [] }
                return [.float64(Double(bitPattern: d) * 2), .float32(f32(arguments[2]) + 1), .i64(b &* 3), .i32(a ^ 0xFFFF)]
            }
            linker.define(module: "host", name: "constants", type: type([], [.i32, .i64, .f32, .f64])) { _, _ in
                [.i32(0xDEAD_BEEF), .i64(0x0123_4567_89AB_CDEF), .f32(0x7FA0_0001), .float64(-0.0)]
            }
            linker.define(module: "host", name: "i32", type: type([.i32], [.i32])) { _, arguments in
                guard case .i32(let x) = arguments[0] else { return [] }
                return [.i32(x &+ 1)]
            }
            linker.define(module: "host", name: "i64", type: type([.i64], [.i64])) { _, arguments in
                guard case .i64(let x) = arguments[0] else { return [] }
                return [.i64(~x)]
            }
            linker.define(module: "host", name: "f32", type: type([.f32], [.f32])) { _, arguments in [.float32(-f32(arguments[0]))] }
            linker.define(module: "host", name: "f64", type: type([.f64], [.f64])) { _, arguments in
                guard case .f64(let x) = arguments[0] else { return [] }
                return [.float64(Double(bitPattern: x) / 4)]
            }
            linker.define(module: "host", name: "mixed", type: type([.i64, .i32], [.i32, .i64])) { _, arguments in
                guard case .i64(let a) = arguments[0], case .i32(let b) = arguments[1] else { return [] }
                return [.i32(UInt32(truncatingIfNeeded: a >> 32) &+ b), .i64(a &- UInt64(b))]
            }
            linker.define(module: "host", name: "sink", type: type([.i32, .i32], [])) { caller, arguments in
                guard case .i32(let value) = arguments[0], case .i32(let at) = arguments[1] else { return [] }
                try caller.memory()!.write([UInt8(truncatingIfNeeded: value)], at: Int(at % 4))
                return []
            }
            linker.define(module: "host", name: "fail", type: type([.i32], [.i32])) { _, arguments in
                if arguments[0] == .i32(1) { throw Trap.host("the host refuses 1") }
                if arguments[0] == .i32(2) { throw Trap(.integerDivideByZero) }
                return [.i32(40)]
            }
            linker.define(module: "host", name: "charge", type: type([.i64], [.i64])) { caller, arguments in
                guard case .i64(let amount) = arguments[0] else { return [] }
                try caller.consumeFuel(amount)
                return [.i64(amount)]
            }
            linker.define(module: "host", name: "partial", type: type([.i64], [.i64, .i64, .i64])) { _, arguments in
                [arguments[0], .i64(0), .i64(5)]
            }
            linker.define(module: "host", name: "reenter", type: type([.i32], [.i32])) { caller, arguments in
                guard case .function(let down) = caller.export("down") else { throw Trap.host("no export down") }
                return try down.call(arguments)
            }
        }
    }

    /// Runs `calls` on both backends with the host functions in each form; expects the same
    /// outcomes everywhere and returns them (contract profile).
    @discardableResult
    func run(_ calls: [Call], stackLimit: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [CallOutcome] {
        var byForm: [[CallOutcome]] = []
        for form in Form.allCases {
            byForm.append(try expectSameOnBothBackends(
                Self.wat, calls, stackLimit: stackLimit, linker: { Self.define($0, form) }, sourceLocation: sourceLocation))
        }
        #expect(byForm[0] == byForm[1], "the [Value] and raw forms differ", sourceLocation: sourceLocation)
        return byForm[1]
    }

    @Test func everyTypeInItsSlot() throws {
        // Distinct values in every slot, so a wrong slot order or width changes the results.
        let results = try run([
            Call("swap", .i32(0x1234_5678), .i64(0x1_0000_0001), .float32(2.5), .float64(-3.25)),
            Call("constants"),
            Call("i32", .i32(0xFFFF_FFFF)), Call("i64", .i64(0x00FF_00FF_00FF_00FF)),
            Call("f32", .f32(0x7FC0_1234)), Call("f32", .float32(1.5)), Call("f64", .float64(10)),
            Call("mixed", .i64(0x0000_0007_0000_0010), .i32(3)),
        ])
        #expect(results[0].results == [.float64(-6.5), .float32(3.5), .i64(0x3_0000_0003), .i32(0x1234_A987)])
        #expect(results[1].results == [.i32(0xDEAD_BEEF), .i64(0x0123_4567_89AB_CDEF), .f32(0x7FA0_0001), .f64(0x8000_0000_0000_0000)])
        #expect(results[2].results == [.i32(0)])
        #expect(results[3].results == [.i64(0xFF00_FF00_FF00_FF00)])
        #expect(results[4].results == [.f32(0xFFC0_1234)], "negation flips the sign bit only, NaN payload kept")
        #expect(results[5].results == [.float32(-1.5)])
        #expect(results[6].results == [.float64(2.5)])
        #expect(results[7].results == [.i32(10), .i64(0x0000_0007_0000_000D)])
    }

    @Test func resultsTheBodyDoesNotWrite() throws {
        // The raw body writes only its last result: the others are the same on every backend.
        let results = try run([Call("partial", .i64(0xABCD_EF01_2345)), Call("partial", .i64(7))])
        #expect(results[0].results == [.i64(0xABCD_EF01_2345), .i64(0), .i64(5)])
        #expect(results[1].results == [.i64(7), .i64(0), .i64(5)])
    }

    @Test func noResultsAndCallerMemory() throws {
        let results = try run([Call("sink", .i32(0x1AB), .i32(6))])
        #expect(results[0].results == [])
        let expected: [UInt32] = [0, 0, 0xAB, 0, 0, 0, 0, 0, 6, 0, 0, 0]
        #expect(Array(results[1].results?.prefix(12) ?? []) == expected.map { Value.i32($0) })
    }

    @Test func hostTrapsStopTheCaller() throws {
        let results = try run([Call("fail", .i32(0)), Call("fail", .i32(1)), Call("fail", .i32(2)), Call("fail", .i32(1), fuel: 3)])
        #expect(results[0].results == [.i32(41)])
        #expect(results[1].trap == "the host refuses 1")
        #expect(results[2].trap == "integer divide by zero")
        #expect(results[3].trap == "out of fuel")
        // The store written before the host call stays written.
        #expect(results[4].results?.first == .i32(7))
    }

    @Test func hostChargesAreExact() throws {
        // Every budget around what the call needs: the charge lands at the same point on both
        // backends, and running out of fuel inside the host consumes everything given.
        let calls = (0..<140).map { Call("charge", .i64(100), fuel: UInt64($0)) } + [Call("charge", .i64(.max))]
        let results = try run(calls)
        let first = try #require(results.firstIndex { $0.results != nil })
        #expect(results[first].results == [.i64(101)])
        #expect(results[first].fuel == UInt64(first))
        for (budget, outcome) in results[..<first].enumerated() {
            #expect(outcome.trap == "out of fuel" && outcome.fuel == UInt64(budget), "budget \(budget): \(outcome)")
        }
        #expect(results[140].trap == "out of fuel")
    }

    @Test func loopsOfHostCalls() throws {
        let results = try run([Call("loop", .i32(1000)), Call("loop", .i32(1000), fuel: 5000)])
        #expect(results[0].results == [.i32(1000)])
        #expect(results[1].trap == "out of fuel")
    }

    @Test func hostFunctionsCallBackIntoWebAssembly() throws {
        let results = try run([Call("down", .i32(0)), Call("down", .i32(20)), Call("down", .i32(500)), Call("down", .i32(3))])
        #expect(results[0].results == [.i32(1000)])
        #expect(results[1].results == [.i32(1020)])
        #expect(results[2].trap == "call stack exhausted", "the re-entry depth is bounded")
        #expect(results[3].results == [.i32(1003)], "the store stays usable")
    }
}
