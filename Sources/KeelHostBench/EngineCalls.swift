// Embedding-API figures for bench/host: a trivial host call from a WebAssembly loop, and
// instantiation plus the first call of a trivial export, on each backend. Wall-clock timing
// is fine here: this is a tool, not consensus code.
import Foundation
import Keel

/// Nanoseconds since an arbitrary origin.
func nanoseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
}

/// The median of `values`.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// A loop calling the import `host.inc: (i32) -> i32` (which returns its argument + 1) `n`
/// times, threading its result through; and the same loop without the call.
let hostLoopText = """
    (module
      (import "host" "inc" (func $inc (param i32) (result i32)))
      (func (export "calls") (param $n i32) (result i32) (local $i i32) (local $x i32)
        (loop $l
          (local.set $x (call $inc (local.get $x)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
        (local.get $x))
      (func (export "empty") (param $n i32) (result i32) (local $i i32) (local $x i32)
        (loop $l
          (local.set $x (i32.add (local.get $x) (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
        (local.get $x)))
    """

/// How a benchmark defines `host.inc`.
enum HostForm: String, CaseIterable {
    /// `Linker.define(module:name:type:_:)` with a `[Value]` body.
    case values = "[Value] body"
    /// `Linker.defineRaw(module:name:type:_:)`, on the slots in place.
    case raw = "raw body"
}

/// Nanoseconds per iteration of `export` in `hostLoopText` on `backend` (contract profile):
/// the slope between `small` and `large` iterations, each the median of `rounds` runs.
func loopSlope(_ export: String, backend: Backend, form: HostForm, small: Int, large: Int, rounds: Int = 7) throws -> Double {
    var configuration = EngineConfiguration.contract
    configuration.backend = backend
    let engine = try Engine(configuration: configuration)
    let module = try Module(engine: engine, wat: hostLoopText)
    let linker = Linker(engine: engine)
    let type = FunctionType(parameters: [.i32], results: [.i32])
    switch form {
    case .values:
        linker.define(module: "host", name: "inc", type: type) { _, arguments in
            guard case .i32(let x) = arguments[0] else { throw Trap.host("inc: expected an i32") }
            return [.i32(x &+ 1)]
        }
    case .raw:
        linker.defineRaw(module: "host", name: "inc", type: type) { _, slots in slots.setI32(0, slots.i32(0) &+ 1) }
    }
    let store = Store(engine: engine)
    let function = try linker.instantiate(module, in: store).function(export)!
    func time(_ n: Int) throws -> Double {
        try median((0..<rounds).map { _ in
            store.setFuel(.max)
            return try nanoseconds {
                let results = try function.call([.i32(UInt32(n))])
                guard results == [.i32(UInt32(n))] else { fatalError("\(export): \(results)") }
            }
        })
    }
    _ = try time(small)  // warm up: first-run mappings, caches
    return (try time(large) - time(small)) / Double(large - small)
}

/// Median microseconds of a fresh store, instantiation of a compiled trivial module and its
/// first call, on `backend` (contract profile), over `runs` runs; the store's release is not
/// timed.
func instantiateAndCall(backend: Backend, runs: Int) throws -> Double {
    var configuration = EngineConfiguration.contract
    configuration.backend = backend
    let engine = try Engine(configuration: configuration)
    let module = try Module(engine: engine, wat: #"(module (func (export "f") (result i32) i32.const 1))"#)
    let linker = Linker(engine: engine)
    var times: [Double] = []
    times.reserveCapacity(runs)
    for _ in 0..<runs {
        var store: Store?
        times.append(try nanoseconds {
            let created = Store(engine: engine)
            created.setFuel(1000)
            let results = try linker.instantiate(module, in: created).function("f")!.call([])
            guard results == [.i32(1)] else { fatalError("f: \(results)") }
            store = created
        } / 1000)
        withExtendedLifetime(store) {}  // released here, outside the timing
    }
    return median(times)
}

/// The embedding-API figures, one line each.
func engineCallReport(iterations: Int) throws -> String {
    var lines: [String] = []
    let small = iterations * 100
    let large = iterations * 500
    for backend in [Backend.interpreter, .jit] {
        let empty = try loopSlope("empty", backend: backend, form: .values, small: small, large: large)
        for form in HostForm.allCases {
            let calls = try loopSlope("calls", backend: backend, form: form, small: small, large: large)
            lines.append(
                "  trivial host call (i32)->i32, \(backend.rawValue), \(form.rawValue): "
                    + String(format: "%6.1f ns per loop iteration (%.1f ns over an empty iteration)", calls, calls - empty))
        }
    }
    for backend in [Backend.interpreter, .jit] {
        let time = try instantiateAndCall(backend: backend, runs: 2001)
        lines.append("  new store + instantiate + first call of a trivial export, \(backend.rawValue): " + String(format: "%7.1f µs (median of 2001)", time))
    }
    return lines.joined(separator: "\n")
}
