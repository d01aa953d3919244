import Foundation
import XCTest

/// `--engine jit|interp` on `run`, `wast`, `inspect` and `exec`: with the JIT available
/// (x86-64 Linux) each command prints the same under both backends (inspect adds its
/// machine-code lines); elsewhere `--engine jit` is refused with a clear error.
final class EngineParityTests: XCTestCase {
    private let module = """
        (module
          (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
          (func (export "bits") (param i64) (result i64 i64 i64)
            (i64.popcnt (local.get 0)) (i64.clz (local.get 0)) (i64.ctz (local.get 0)))
          (func (export "round") (param f64) (result f64 f64 f64 f64)
            (f64.floor (local.get 0)) (f64.ceil (local.get 0)) (f64.trunc (local.get 0)) (f64.nearest (local.get 0)))
          (func $fac (export "fac") (param i64) (result i64)
            (if (result i64) (i64.eqz (local.get 0))
              (then (i64.const 1))
              (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
          (func (export "boom") unreachable))
        """

    /// `module` with an imported function first (so function 0 has no code).
    private var importingModule: String {
        module.replacingOccurrences(of: "(module\n", with: "(module\n  (import \"env\" \"f\" (func $f (param i32)))\n")
    }

    private let script = """
        (module
          (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
          (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s))
        (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
        (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
        (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
        """

    private var contracts: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("contracts")
    }

    #if arch(x86_64) && os(Linux)
    func testRunPrintsTheSameOnBothEngines() throws {
        let scratch = try Scratch()
        let path = try scratch.write("module.wat", module)
        for profile in ["standard", "contract"] {
            try expectSameRuns(path, profile: profile)
        }
        XCTAssertEqual(try KeelProcess.run(["run", path, "--engine", "jit", "--invoke", "fac", "5"]).stdout, "120\n")
    }

    private func expectSameRuns(_ path: String, profile: String) throws {
        let invocations: [[String]] = [
            ["add", "2", "3"], ["bits", "0"], ["bits", "-9223372036854775807"], ["round", "-0.5"], ["round", "2.5"],
            ["round", "-1e300"], ["fac", "20"], ["boom"],
        ]
        for invocation in invocations {
            let interp = try KeelProcess.run(["run", path, "--profile", profile, "--engine", "interp", "--invoke"] + invocation)
            let jit = try KeelProcess.run(["run", path, "--profile", profile, "--engine", "jit", "--invoke"] + invocation)
            XCTAssertEqual(interp.status, jit.status, "\(profile) \(invocation)")
            XCTAssertEqual(interp.stdout, jit.stdout, "\(profile) \(invocation)")
            XCTAssertEqual(interp.stderr, jit.stderr, "\(profile) \(invocation): fuel and traps")
        }
    }

    func testWastPrintsTheSameOnBothEngines() throws {
        let scratch = try Scratch()
        let path = try scratch.write("script.wast", script)
        let interp = try KeelProcess.run(["wast", path, "--engine", "interp"])
        let jit = try KeelProcess.run(["wast", path, "--engine", "jit"])
        XCTAssertEqual(interp.status, 1)
        XCTAssertEqual(jit.status, interp.status)
        XCTAssertEqual(jit.stdout, interp.stdout)
        XCTAssertEqual(interp.lines.first, "\(path): 3 passed, 1 failed")
    }

    func testExecPrintsTheSameOnBothEngines() throws {
        let scratch = try Scratch()
        let counter = contracts.appendingPathComponent("counter/counter.wasm").path
        var outputs: [String: [KeelProcess.Outcome]] = [:]
        for engine in ["interp", "jit"] {
            let state = scratch.directory.appendingPathComponent("state-\(engine)").path
            outputs[engine] = try [["increment", "--init"], ["increment"], ["get"], ["fail_after_write"], ["increment", "--fuel", "100"]].map {
                try KeelProcess.run(["exec", counter, "--state", state, "--engine", engine] + $0)
            }
        }
        for (a, b) in zip(outputs["interp"]!, outputs["jit"]!) {
            XCTAssertEqual(a.status, b.status)
            XCTAssertEqual(a.stdout, b.stdout)
            XCTAssertEqual(a.stderr, b.stderr)  // fuel consumed included
        }
        XCTAssertTrue(outputs["jit"]![2].lines.contains("return: 0x0200000000000000"), outputs["jit"]![2].stdout)
    }

    func testInspectReportsTheCompiledMachineCode() throws {
        let scratch = try Scratch()
        let path = try scratch.write("module.wat", importingModule)
        let interp = try KeelProcess.run(["inspect", path, "--engine", "interp"])
        let jit = try KeelProcess.run(["inspect", path, "--engine", "jit", "--code-sizes"])
        XCTAssertEqual(interp.status, 0, interp.stderr)
        XCTAssertEqual(jit.status, 0, jit.stderr)
        XCTAssertFalse(interp.stdout.contains("machine code"), interp.stdout)
        // The JIT's report is the interpreter's plus the machine-code lines after "functions:".
        let extra = jit.lines.filter { !interp.lines.contains($0) }
        XCTAssertEqual(jit.lines.filter { interp.lines.contains($0) }, interp.lines)
        XCTAssertTrue(interp.lines.contains("functions: 6 (1 imported, 5 defined)"), interp.stdout)
        XCTAssertEqual(extra.count, 6, jit.stdout)
        let summary = try XCTUnwrap(extra.first)
        XCTAssertTrue(summary.hasPrefix("machine code: 5 functions compiled, "), summary)
        let total = Int(summary.split(separator: " ")[5])!
        let sizes = extra.dropFirst().map { line -> Int in Int(line.split(separator: " ")[2])! }
        XCTAssertEqual(extra.dropFirst().map { String($0.split(separator: ":")[0]) }, (1...5).map { "  function \($0)" })
        XCTAssertEqual(sizes.reduce(0, +), total)
        XCTAssertTrue(sizes.allSatisfy { $0 > 0 })

        // The code reported is the selected profile's: metered code is larger; none when the
        // module does not fit (it uses floats).
        let contract = try KeelProcess.run(["inspect", path, "--engine", "jit", "--profile", "contract"])
        let contractTotal = try XCTUnwrap(contract.lines.first { $0.hasPrefix("machine code: 5 functions compiled, ") }, contract.stdout)
        XCTAssertGreaterThan(Int(contractTotal.split(separator: " ")[5])!, total)
        let noFloat = try KeelProcess.run(["inspect", path, "--engine", "jit", "--profile", "contract", "--no-float"])
        XCTAssertEqual(noFloat.status, 1)
        XCTAssertTrue(noFloat.lines.contains("machine code: none (the module does not fit profile contract --no-float)"), noFloat.stdout)
    }

    func testInspectDisassemblesOneFunction() throws {
        let scratch = try Scratch()
        let path = try scratch.write("module.wat", importingModule)
        let listing = try KeelProcess.run(["inspect", path, "--engine", "jit", "--disassemble", "4"])
        XCTAssertEqual(listing.status, 0, listing.stderr)
        let lines = listing.lines
        XCTAssertTrue(lines.first?.hasPrefix("function 4: ") ?? false, listing.stdout)
        XCTAssertTrue(lines.contains { $0.hasSuffix("  ret") }, listing.stdout)
        XCTAssertTrue(lines.contains { $0.contains(" imul ") }, listing.stdout)
        XCTAssertTrue(lines.contains { $0.hasSuffix("call L0") }, "the recursive call names the function's entry label:\n\(listing.stdout)")
        XCTAssertEqual(lines[1], "L0:")
        XCTAssertFalse(listing.stdout.contains(".byte"), listing.stdout)
        let bytes = lines.dropFirst().filter { !$0.hasSuffix(":") }.map { line in
            line.split(separator: ":", maxSplits: 1)[1].split(separator: " ").prefix { $0.count == 2 && UInt8($0, radix: 16) != nil }.count
        }
        XCTAssertEqual("function 4: \(bytes.reduce(0, +)) bytes of machine code", lines[0])

        let imported = try KeelProcess.run(["inspect", path, "--engine", "jit", "--disassemble", "0"])
        XCTAssertEqual(imported.status, 1)
        XCTAssertEqual(imported.stderr, "error: function 0 is imported (functions 0...0 are imports): it has no machine code in this module\n")
        let missing = try KeelProcess.run(["inspect", path, "--engine", "jit", "--disassemble", "6"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "error: function 6 does not exist: the module has 6 functions (0...5)\n")
        let interp = try KeelProcess.run(["inspect", path, "--engine", "interp", "--disassemble", "1"])
        XCTAssertEqual(interp.status, 2)
        XCTAssertTrue(interp.stderr.contains("--disassemble needs --engine jit"), interp.stderr)
    }
    #else
    func testJitIsRefusedWithAClearError() throws {
        let scratch = try Scratch()
        let path = try scratch.write("module.wat", module)
        for arguments in [["run", path, "--invoke", "add", "1", "2"], ["inspect", path], ["wast", try scratch.write("s.wast", script)]] {
            let outcome = try KeelProcess.run(arguments + ["--engine", "jit"])
            XCTAssertEqual(outcome.status, 1)
            XCTAssertTrue(outcome.stderr.contains("the jit backend is not available in this build"), outcome.stderr)
        }
    }
    #endif
}
