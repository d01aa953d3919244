import KeelTestSupport
import XCTest

/// The deterministic-profile flags of `keel run` and `keel inspect`.
final class ProfileCommandTests: EveryBackendTestCase {
    private let module = """
        (module
          (memory 1)
          (func (export "count") (param $n i32) (result i32) (local $i i32)
            (loop $l
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $i))
          (func (export "nan") (result i32) (i32.reinterpret_f32 (f32.div (f32.const 0) (f32.const 0)))))
        """

    private func keel(_ arguments: [String]) throws -> KeelProcess.Outcome {
        let scratch = try Scratch()
        let path = try scratch.write("module.wat", module)
        return try KeelProcess.run([arguments[0], path] + arguments.dropFirst())
    }

    func testFuelBoundaryAndReport() throws {
        try onEveryBackend {
            // count(3): 3 iterations of an 8-fuel loop body plus 1 for the final local.get.
            let enough = try keel(["run", "--invoke", "count", "3", "--fuel", "25"])
            XCTAssertEqual(enough.status, 0, enough.stderr)
            XCTAssertEqual(enough.stdout, "3\n")
            XCTAssertTrue(enough.stderr.contains("fuel consumed: 25"), enough.stderr)
            let short = try keel(["run", "--invoke", "count", "3", "--fuel", "24"])
            XCTAssertEqual(short.status, 1)
            XCTAssertTrue(short.stderr.contains("fuel consumed: 24"), short.stderr)
            XCTAssertTrue(short.stderr.contains("error: trap: out of fuel"), short.stderr)
        }
    }

    func testContractProfileCanonicalizesNaN() throws {
        try onEveryBackend {
            let standard = try keel(["run", "--invoke", "nan"])
            XCTAssertEqual(standard.status, 0, standard.stderr)
            let contract = try keel(["run", "--invoke", "nan", "--profile", "contract"])
            XCTAssertEqual(contract.status, 0, contract.stderr)
            XCTAssertEqual(contract.stdout, "\(Int32(bitPattern: 0x7FC0_0000))\n")
            XCTAssertTrue(contract.stderr.contains("fuel consumed:"), contract.stderr)
        }
    }

    func testNoFloatRejectsTheModuleNamingTheInstruction() throws {
        try onEveryBackend {
            let outcome = try keel(["run", "--invoke", "count", "1", "--no-float"])
            XCTAssertEqual(outcome.status, 1)
            XCTAssertTrue(outcome.stderr.contains("f32.div") || outcome.stderr.contains("f32.const"), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("in function 1"), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("offset 0x"), outcome.stderr)
        }
    }

    func testInspectDescribesTheModuleAndItsProfileFit() throws {
        try onEveryBackend {
            // Does not fit: the whole description, then exit status 1 (as cosmwasm-check).
            let outcome = try keel(["inspect", "--profile", "contract", "--no-float"])
            XCTAssertEqual(outcome.status, 1, outcome.stderr)
            XCTAssertTrue(outcome.stdout.contains("functions: 2 (0 imported, 2 defined)"), outcome.stdout)
            XCTAssertTrue(outcome.stdout.contains("memories: 1"), outcome.stdout)
            XCTAssertTrue(outcome.stdout.contains("profile contract --no-float: does not fit"), outcome.stdout)
            // count: the loop body (8) and the block after it (1).
            XCTAssertTrue(outcome.stdout.contains("function 0: 2 blocks, total 9, largest 8"), outcome.stdout)
            let fits = try keel(["inspect", "--profile", "contract"])
            XCTAssertEqual(fits.status, 0, fits.stderr)
            XCTAssertTrue(fits.stdout.contains("profile contract: fits"), fits.stdout)
        }
    }

    /// Decoder errors read as sentences (WasmKit's own description printed
    /// `Message(text: "Too many locals: 240000 vs 100000")`).
    func testDecoderErrorsReadAsSentences() throws {
        try onEveryBackend {
            let scratch = try Scratch()
            // One function declaring 240000 i32 locals.
            let body: [UInt8] = [0x01, 0x80, 0xD3, 0x0E, 0x7F, 0x0B]
            var bytes: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
            bytes += [0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00]
            bytes += [0x0A, UInt8(body.count + 2), 0x01, UInt8(body.count)] + body
            let path = try scratch.write("locals.wasm", bytes)
            let outcome = try KeelProcess.run(["inspect", path])
            XCTAssertEqual(outcome.status, 1)
            // Keel's own limit (50,000 locals in the standard profile) is checked before the
            // decoder expands the declarations.
            XCTAssertTrue(outcome.stderr.contains("resource limit exceeded: locals: 240000 exceeds the limit of 50000 at offset 0x"), outcome.stderr)
            XCTAssertFalse(outcome.stderr.contains("Message("), outcome.stderr)
            // A truncated module names the end, not a Swift value.
            let truncated = try scratch.write("truncated.wasm", Array(bytes.dropLast(3)))
            let short = try KeelProcess.run(["inspect", truncated])
            XCTAssertEqual(short.status, 1)
            XCTAssertTrue(short.stderr.contains("malformed module: unexpected end"), short.stderr)
        }
    }
}
