import KeelTestSupport
import XCTest

/// `keel run` on small modules: result formatting, traps and error reporting.
final class RunCommandTests: EveryBackendTestCase {
    private let module = """
        (module
          (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
          (func (export "neg64") (param i64) (result i64) i64.const 0 local.get 0 i64.sub)
          (func (export "half") (param f32) (result f32) local.get 0 f32.const 0.5 f32.mul)
          (func (export "tenth") (result f32 f64) f32.const 0.1 f64.const 0.1)
          (func (export "div") (param f64 f64) (result f64) local.get 0 local.get 1 f64.div)
          (func (export "nans") (result f32 f32 f64 f32) f32.const nan f32.const -nan f64.const nan:0x4 f32.const nan:0x200000)
          (func (export "id32") (param f32) (result f32) local.get 0)
          (func (export "boom") unreachable)
          (func (export "nullref") (param externref) (result externref) local.get 0)
          (memory (export "mem") 1))
        """

    private func runModule(_ arguments: [String]) throws -> KeelProcess.Outcome {
        let scratch = try Scratch()
        let path = try scratch.write("module.wat", module)
        return try KeelProcess.run(["run", path] + arguments)
    }

    func testAddPrintsSum() throws {
        try onEveryBackend {
            let outcome = try runModule(["--invoke", "add", "2", "3"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertEqual(outcome.stdout, "5\n")
            let wrapped = try runModule(["--invoke", "add", "4294967295", "-1"])
            XCTAssertEqual(wrapped.stdout, "-2\n", "i32 results print signed")
        }
    }

    func testNegativeI64Result() throws {
        try onEveryBackend {
            let outcome = try runModule(["--invoke", "neg64", "5"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertEqual(outcome.stdout, "-5\n")
            let minimum = try runModule(["--invoke", "neg64", "-9223372036854775808"])
            XCTAssertEqual(minimum.stdout, "-9223372036854775808\n")
        }
    }

    func testFloatResultsAreShortestDecimal() throws {
        try onEveryBackend {
            XCTAssertEqual(try runModule(["--invoke", "half", "3"]).stdout, "1.5\n")
            XCTAssertEqual(try runModule(["--invoke", "tenth"]).stdout, "0.1\n0.1\n")
            XCTAssertEqual(try runModule(["--invoke", "div", "1", "0"]).stdout, "inf\n")
            XCTAssertEqual(try runModule(["--invoke", "div", "-1", "0"]).stdout, "-inf\n")
        }
    }

    func testNaNFormatting() throws {
        try onEveryBackend {
            let outcome = try runModule(["--invoke", "nans"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertEqual(outcome.lines, ["nan", "-nan", "nan:0x4", "nan:0x200000"])
            XCTAssertEqual(try runModule(["--invoke", "id32", "nan:0x1"]).stdout, "nan:0x1\n")
            XCTAssertEqual(try runModule(["--invoke", "id32", "-inf"]).stdout, "-inf\n")
        }
    }

    func testNullReferenceArgument() throws {
        try onEveryBackend {
            let outcome = try runModule(["--invoke", "nullref", "null"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertEqual(outcome.stdout, "null\n")
        }
    }

    func testTrapExitsOneWithMessage() throws {
        try onEveryBackend {
            let outcome = try runModule(["--invoke", "boom"])
            XCTAssertEqual(outcome.status, 1)
            XCTAssertTrue(outcome.stderr.contains("error: trap: unreachable"), outcome.stderr)
            XCTAssertEqual(outcome.stdout, "")
        }
    }

    func testMalformedModuleReportsOffset() throws {
        try onEveryBackend {
            let scratch = try Scratch()
            // A type section that claims 5 bytes but the file ends after one.
            let path = try scratch.write("bad.wasm", [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01])
            let outcome = try KeelProcess.run(["run", path, "--invoke", "f"])
            XCTAssertEqual(outcome.status, 1)
            XCTAssertTrue(outcome.stderr.hasPrefix("error: "), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("offset"), outcome.stderr)
        }
    }

    func testBadArgumentIsUsageError() throws {
        try onEveryBackend {
            let outcome = try runModule(["--invoke", "add", "2", "three"])
            XCTAssertEqual(outcome.status, 2)
            XCTAssertTrue(outcome.stderr.contains("three"), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("i32"), outcome.stderr)
            let outOfRange = try runModule(["--invoke", "add", "4294967296", "0"])
            XCTAssertEqual(outOfRange.status, 2, outOfRange.stderr)
            let count = try runModule(["--invoke", "add", "2"])
            XCTAssertEqual(count.status, 2)
            XCTAssertTrue(count.stderr.contains("takes 2 argument(s)"), count.stderr)
        }
    }

    func testMissingExportIsNamed() throws {
        try onEveryBackend {
            let outcome = try runModule(["--invoke", "nope"])
            XCTAssertEqual(outcome.status, 1)
            XCTAssertTrue(outcome.stderr.contains("\"nope\""), outcome.stderr)
            let notFunction = try runModule(["--invoke", "mem"])
            XCTAssertEqual(notFunction.status, 1)
            XCTAssertTrue(notFunction.stderr.contains("not a function"), notFunction.stderr)
        }
    }

    func testUnreadableFileIsNamed() throws {
        try onEveryBackend {
            let outcome = try KeelProcess.run(["run", "/nonexistent/keel-missing.wasm", "--invoke", "f"])
            XCTAssertEqual(outcome.status, 2, "an unreadable input is a usage error")
            XCTAssertTrue(outcome.stderr.contains("/nonexistent/keel-missing.wasm"), outcome.stderr)
        }
    }

    func testUnresolvedImportIsNamed() throws {
        try onEveryBackend {
            let scratch = try Scratch()
            let path = try scratch.write(
                "imports.wat", #"(module (import "env" "clock" (func)) (func (export "f")))"#)
            let outcome = try KeelProcess.run(["run", path, "--invoke", "f"])
            XCTAssertEqual(outcome.status, 1)
            XCTAssertTrue(outcome.stderr.contains("\"env\" \"clock\""), outcome.stderr)
        }
    }

    func testJitEitherRunsOrSaysWhyNot() throws {
        try onEveryBackend {
            let outcome = try runModule(["--invoke", "add", "2", "3", "--engine", "jit"])
            if outcome.status == 0 {
                XCTAssertEqual(outcome.stdout, "5\n")
            } else {
                XCTAssertEqual(outcome.status, 1)
                XCTAssertTrue(outcome.stderr.hasPrefix("error: "), outcome.stderr)
            }
        }
    }
}
