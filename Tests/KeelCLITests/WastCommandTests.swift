import KeelTestSupport
import XCTest

/// `keel wast` on small scripts: per-file lines, failure lines and the closing totals.
final class WastCommandTests: EveryBackendTestCase {
    private let passing = """
        (module
          (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
          (func (export "boom") unreachable))
        (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
        (assert_trap (invoke "boom") "unreachable")
        (assert_malformed (module quote "(func") "unexpected end")
        """

    private let failing = """
        (module
          (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
        (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
        (assert_trap (invoke "add" (i32.const 1) (i32.const 2)) "unreachable")
        (assert_return (invoke "missing"))
        """

    func testPassingScript() throws {
        try onEveryBackend {
            let scratch = try Scratch()
            let path = try scratch.write("pass.wast", passing)
            let outcome = try KeelProcess.run(["wast", path])
            XCTAssertEqual(outcome.status, 0, outcome.stdout + outcome.stderr)
            XCTAssertEqual(outcome.lines, ["\(path): 4 passed, 0 failed", "4 passed, 0 failed"])
        }
    }

    func testFailingScript() throws {
        try onEveryBackend {
            let scratch = try Scratch()
            let path = try scratch.write("fail.wast", failing)
            let outcome = try KeelProcess.run(["wast", path])
            XCTAssertEqual(outcome.status, 1)
            XCTAssertEqual(outcome.lines.first, "\(path): 1 passed, 3 failed")
            XCTAssertEqual(outcome.lines.last, "1 passed, 3 failed")
            let failures = outcome.lines.filter { $0.hasPrefix("  ") }
            XCTAssertEqual(failures.count, 3, outcome.stdout)
            XCTAssertTrue(failures[0].hasPrefix("  \(path):3: "), failures[0])
            XCTAssertTrue(failures[0].contains("i32:4") && failures[0].contains("i32:3"), failures[0])
            XCTAssertTrue(failures[1].hasPrefix("  \(path):4: "), failures[1])
            XCTAssertTrue(failures[2].hasPrefix("  \(path):5: ") && failures[2].contains("missing"), failures[2])
        }
    }

    func testDirectoryRunsScriptsInNameOrder() throws {
        try onEveryBackend {
            let scratch = try Scratch()
            let failPath = try scratch.write("a_fail.wast", failing)
            let passPath = try scratch.write("b_pass.wast", passing)
            _ = try scratch.write("notes.txt", "not a script")
            let outcome = try KeelProcess.run(["wast", scratch.directory.path])
            XCTAssertEqual(outcome.status, 1)
            let fileLines = outcome.lines.filter { !$0.hasPrefix("  ") }
            XCTAssertEqual(
                fileLines,
                ["\(failPath): 1 passed, 3 failed", "\(passPath): 4 passed, 0 failed", "5 passed, 3 failed"])
        }
    }

    func testMissingScriptFails() throws {
        try onEveryBackend {
            let outcome = try KeelProcess.run(["wast", "/nonexistent/keel-missing.wast"])
            XCTAssertEqual(outcome.status, 2, "an unreadable input is a usage error")
            XCTAssertTrue(outcome.stderr.contains("/nonexistent/keel-missing.wast"), outcome.stderr)
        }
    }
}
