// Compile time of one module inside one process, the way bench/wasmtime_run.py times Wasmtime:
// a first compile pays one-time set-up (dynamic linking, runtime metadata, heap growth) and is
// not counted; each of the next REPS compiles is timed on this thread's CPU clock.
//
//   KeelCompileBench FILE.wasm [jit|interp|frontend] [contract|standard] [REPS]
//
// Prints one line: `cpu_ms <median> wall_ms <median> runs <REPS>`. A compile is everything
// `Module(engine:bytes:)` does: decode, validate, meter, translate every function, link.
// Release builds only (bench/compile/throughput.py builds and runs it).
import Foundation
import Keel

func clock(_ id: clockid_t) -> Double {
    var t = timespec()
    clock_gettime(id, &t)
    return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) * 1e-6
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, let data = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: KeelCompileBench FILE.wasm [jit|interp|frontend] [contract|standard] [REPS]\n".utf8))
    exit(2)
}
let bytes = [UInt8](data)
var configuration: EngineConfiguration = (arguments.count > 3 && arguments[3] == "standard") ? .standard : .contract
if arguments.count > 2, arguments[2] != "frontend" {
    guard let backend = Backend(rawValue: arguments[2]) else {
        FileHandle.standardError.write(Data("unknown engine \(arguments[2]) (jit or interp)\n".utf8))
        exit(2)
    }
    configuration.backend = backend
}
let reps = arguments.count > 4 ? max(1, Int(arguments[4]) ?? 5) : 5
// `frontend` (in place of jit|interp): the front-end alone — decode, validate and meter every
// function into the null backend `Module.meteringBlocks` uses — to see what the backends add.
let frontEndOnly = arguments.count > 2 && arguments[2] == "frontend"
if frontEndOnly { configuration.backend = .interpreter }

do {
    let engine = try Engine(configuration: configuration)
    let warm = try Module(engine: engine, bytes: bytes)  // warm-up, not timed
    var cpu: [Double] = []
    var wall: [Double] = []
    for _ in 0..<reps {
        let startCPU = clock(CLOCK_THREAD_CPUTIME_ID)
        let startWall = clock(CLOCK_MONOTONIC)
        let module: Any = frontEndOnly
            ? try warm.meteringBlocks(schedule: .v1) : try Module(engine: engine, bytes: bytes)
        cpu.append(clock(CLOCK_THREAD_CPUTIME_ID) - startCPU)
        wall.append(clock(CLOCK_MONOTONIC) - startWall)
        withExtendedLifetime(module) {}
    }
    print("cpu_ms \(cpu.sorted()[reps / 2]) wall_ms \(wall.sorted()[reps / 2]) runs \(reps)")
} catch {
    FileHandle.standardError.write(Data("KeelCompileBench: \(error)\n".utf8))
    exit(1)
}
