import Foundation
import Keel
import XCTest

/// `--engine`: every command that runs code takes it, its help names the default, and without
/// it the platform's default backend runs (the JIT on x86-64 Linux).
final class EngineOptionTests: XCTestCase {
    func testEveryCommandThatRunsCodeTakesEngineWithTheDefaultInItsHelp() throws {
        for command in KeelProcess.engineCommands.sorted() {
            let help = try KeelProcess.run([command, "--help"])
            XCTAssertEqual(help.status, 0, "\(command): \(help.stderr)")
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(text.contains("--engine <engine>"), "keel \(command) --help: \(help.stdout)")
            XCTAssertTrue(text.contains("jit where this build has it (x86-64 Linux), else interp"), "keel \(command) --help: \(help.stdout)")
            XCTAssertTrue(text.contains("(values: interp, jit; default: \(Backend.platformDefault.rawValue))"), "keel \(command) --help: \(help.stdout)")
        }
    }

    /// `--dump-ir` prints the interpreter's code, so it tells which backend runs by default.
    func testRunUsesThePlatformDefault() throws {
        let scratch = try Scratch()
        let path = try scratch.write("m.wat", "(module (func (export \"f\") (result i32) (i32.const 7)))")
        let byDefault = try KeelProcess.run(["run", path, "--invoke", "f", "--dump-ir"])
        let interpreted = try KeelProcess.run(["run", path, "--invoke", "f", "--dump-ir", "--engine", "interp"])
        XCTAssertEqual(interpreted.status, 0, interpreted.stderr)
        XCTAssertEqual(interpreted.stdout, "7\n")
        XCTAssertTrue(interpreted.stderr.contains("function 0:"), interpreted.stderr)
        if Backend.platformDefault == .jit {
            XCTAssertEqual(byDefault.status, 2)
            XCTAssertTrue(byDefault.stderr.contains("--dump-ir prints the interpreter's code: add --engine interp"), byDefault.stderr)
        } else {
            XCTAssertEqual(byDefault.stdout, interpreted.stdout)
            XCTAssertEqual(byDefault.stderr, interpreted.stderr)
        }
    }

    /// The chain commands default to it too: a replay says which backend it ran on.
    func testReplayUsesThePlatformDefault() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/chains/dev.keelchain").path
        let outcome = try KeelProcess.run(["replay", fixture, "--to", "3"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("replayed blocks 1...3 on \(Backend.platformDefault.rawValue) "), outcome.stdout)
    }
}
