import Keel
import WAT
import XCTest

@testable import KeelWAST

final class ResultMatchingTests: XCTestCase {
    func testExactBits() {
        XCTAssertTrue(ResultMatching.matches(.f32(0x3fc0_0000), .f32(0x3fc0_0000)))
        XCTAssertFalse(ResultMatching.matches(.f32(0x0000_0000), .f32(0x8000_0000)), "-0 is not +0")
        XCTAssertFalse(ResultMatching.matches(.i32(1), .i64(1)), "types must agree")
        XCTAssertFalse(ResultMatching.matches(.f64(0x7ff8_0000_0000_0000), .f64(0x7ff8_0000_0000_0001)))
    }

    func testCanonicalNaN() {
        XCTAssertTrue(ResultMatching.matches(.f32CanonicalNaN, .f32(0x7fc0_0000)))
        XCTAssertTrue(ResultMatching.matches(.f32CanonicalNaN, .f32(0xffc0_0000)))
        XCTAssertFalse(ResultMatching.matches(.f32CanonicalNaN, .f32(0x7fc0_0001)))
        XCTAssertTrue(ResultMatching.matches(.f64CanonicalNaN, .f64(0xfff8_0000_0000_0000)))
        XCTAssertFalse(ResultMatching.matches(.f64CanonicalNaN, .f64(0x7ff4_0000_0000_0000)))
        XCTAssertFalse(ResultMatching.matches(.f64CanonicalNaN, .f32(0x7fc0_0000)))
    }

    func testArithmeticNaN() {
        XCTAssertTrue(ResultMatching.matches(.f32ArithmeticNaN, .f32(0x7fc0_0001)))
        XCTAssertFalse(ResultMatching.matches(.f32ArithmeticNaN, .f32(0x7fa0_0000)), "quiet bit clear")
        XCTAssertTrue(ResultMatching.matches(.f64ArithmeticNaN, .f64(0xfff8_0000_0000_0001)))
        XCTAssertFalse(ResultMatching.matches(.f64ArithmeticNaN, .f64(0x7ff0_0000_0000_0001)))
    }

    func testReferencesAndEither() {
        XCTAssertTrue(ResultMatching.matches(.refNull(nil), .externref(nil)))
        XCTAssertTrue(ResultMatching.matches(.refNull(nil), .funcref(nil)))
        XCTAssertFalse(ResultMatching.matches(.refNull(nil), .externref(1)))
        XCTAssertFalse(ResultMatching.matches(.refFunc(functionIndex: nil), .funcref(nil)))
        XCTAssertTrue(ResultMatching.matches(.refExtern(value: 3), .externref(3)))
        XCTAssertFalse(ResultMatching.matches(.refExtern(value: 3), .externref(4)))
        XCTAssertTrue(ResultMatching.matches(.either([.i32(1), .i32(2)]), .i32(2)))
        XCTAssertFalse(ResultMatching.matches(.either([.i32(1), .i32(2)]), .i32(3)))
    }

    func testMismatchMessageShowsBothSides() throws {
        XCTAssertNil(ResultMatching.mismatch(expected: [.i32(1)], actual: [.i32(1)]))
        let message = try XCTUnwrap(ResultMatching.mismatch(expected: [.i32(1)], actual: [.i32(2)]))
        XCTAssertTrue(message.contains("expected i32:1"), message)
        XCTAssertTrue(message.contains("got i32:2"), message)
        let count = try XCTUnwrap(ResultMatching.mismatch(expected: [], actual: [.i32(2)]))
        XCTAssertTrue(count.contains("expected 0 result(s)"), count)
    }

    func testTrapMatchingIsLenientOnDetails() {
        XCTAssertTrue(TrapMatching.matches(trap("uninitialized element"), expected: "uninitialized element 2"))
        XCTAssertTrue(TrapMatching.matches(trap("out of bounds memory access"), expected: "out of bounds memory access"))
        XCTAssertFalse(TrapMatching.matches(trap("unreachable"), expected: "integer overflow"))
        XCTAssertFalse(TrapMatching.matches(trap(""), expected: "unreachable"))
    }

    private func trap(_ message: String) -> Trap { .host(message) }
}
