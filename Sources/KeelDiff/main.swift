// keel-diff: the differential harness from the command line (bench/differential/run.sh).
//
//   KeelDiff [--from SEED] [--count N] [--engines A,B] [--input-size BYTES] [--profile contract|standard]
//
// Generates N modules with `wasm-opt -ttf` from seeds SEED..<SEED+N, runs each under both
// backends (interp or jit; the same one twice is allowed) and prints every divergence, then a
// summary; exits 1 when any module diverged, 2 on bad arguments.
import Foundation
import Keel
import KeelDifferential

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("keel-diff: \(message)\n".utf8))
    exit(2)
}

func number<T: FixedWidthInteger>(_ text: String, for flag: String) -> T {
    guard let value = T(text) else { fail("\(flag): not a number: \(text)") }
    return value
}

var from: UInt64 = 0
var count: UInt64 = 100
var engines: [Backend] = [.interpreter, .interpreter]
var inputSize = 4096
var profile = "contract"
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
    switch flag {
    case "--from": from = number(value, for: flag)
    case "--count": count = number(value, for: flag)
    case "--input-size": inputSize = number(value, for: flag)
    case "--profile":
        guard value == "contract" || value == "standard" else { fail("--profile: contract or standard, not \(value)") }
        profile = value
    case "--engines":
        let names = value.split(separator: ",").map(String.init)
        guard names.count == 2 else { fail("--engines: two backends, e.g. interp,jit") }
        engines = names.map { name -> Backend in
            guard let backend = Backend(rawValue: name) else { fail("--engines: unknown backend \(name) (interp or jit)") }
            return backend
        }
    default: fail("unknown option \(flag)")
    }
}

func runner(_ backend: Backend, profile: String) -> TraceRunner {
    var configuration: EngineConfiguration = profile == "contract" ? .contract : .standard
    configuration.backend = backend
    return TraceRunner(configuration: configuration)
}

do {
    let check = DifferentialCheck(
        generator: try FuzzModuleGenerator(inputSize: inputSize), left: runner(engines[0], profile: profile), right: runner(engines[1], profile: profile))
    var summary = DifferentialCheck.Summary()
    let batch: UInt64 = 1000
    var next = from
    while next < from + count {
        let end = min(next + batch, from + count)
        let before = summary.divergences.count
        try check.run(seeds: next..<end, into: &summary)
        for divergence in summary.divergences[before...] { print("divergence: \(divergence)") }
        FileHandle.standardError.write(Data("keel-diff: \(summary.modules) modules, \(summary.divergences.count) divergences\n".utf8))
        next = end
    }
    print("""
        seeds \(from)..<\(from + count), \(engines[0].rawValue) vs \(engines[1].rawValue), \(profile) profile: \
        \(summary.modules) modules (\(summary.rejected) rejected by both, \(summary.notImplemented) not compared: \
        not implemented yet by a backend), \(summary.calls) calls \
        (\(summary.traps) trapped), \(summary.divergences.count) divergences
        """)
    exit(summary.divergences.isEmpty ? 0 : 1)
} catch {
    fail("\(error)")
}
