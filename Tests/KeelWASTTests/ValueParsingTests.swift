import Keel
import KeelWAST
import XCTest

final class ValueParsingTests: XCTestCase {
    func testI32Range() {
        XCTAssertEqual(ValueParsing.parse("0", as: .i32), .i32(0))
        XCTAssertEqual(ValueParsing.parse("-1", as: .i32), .i32(0xffff_ffff))
        XCTAssertEqual(ValueParsing.parse("-2147483648", as: .i32), .i32(0x8000_0000))
        XCTAssertEqual(ValueParsing.parse("4294967295", as: .i32), .i32(0xffff_ffff))
        XCTAssertNil(ValueParsing.parse("4294967296", as: .i32))
        XCTAssertNil(ValueParsing.parse("-2147483649", as: .i32))
    }

    func testI64Range() {
        XCTAssertEqual(ValueParsing.parse("-9223372036854775808", as: .i64), .i64(0x8000_0000_0000_0000))
        XCTAssertEqual(ValueParsing.parse("18446744073709551615", as: .i64), .i64(.max))
        XCTAssertEqual(ValueParsing.parse("-5", as: .i64), .i64(UInt64(bitPattern: -5)))
        XCTAssertNil(ValueParsing.parse("18446744073709551616", as: .i64))
        XCTAssertNil(ValueParsing.parse("-9223372036854775809", as: .i64))
    }

    func testMalformedIntegers() {
        for text in ["", "-", "abc", "1.5", "+5", "--1", "1 ", " 1", "0x", "-0x"] {
            XCTAssertNil(ValueParsing.parse(text, as: .i32), "\"\(text)\"")
            XCTAssertNil(ValueParsing.parse(text, as: .i64), "\"\(text)\"")
        }
    }

    func testFloats() {
        XCTAssertEqual(ValueParsing.parse("1.5", as: .f32), .f32(0x3fc0_0000))
        XCTAssertEqual(ValueParsing.parse("-2", as: .f64), .f64(Double(-2).bitPattern))
        XCTAssertEqual(ValueParsing.parse("0.1", as: .f64), .f64(Double(0.1).bitPattern))
        XCTAssertEqual(ValueParsing.parse("1e3", as: .f32), .f32(Float(1000).bitPattern))
        XCTAssertEqual(ValueParsing.parse("0x1p3", as: .f64), .f64(Double(8).bitPattern))
        XCTAssertEqual(ValueParsing.parse("inf", as: .f32), .f32(0x7f80_0000))
        XCTAssertEqual(ValueParsing.parse("-inf", as: .f64), .f64(0xfff0_0000_0000_0000))
        XCTAssertNil(ValueParsing.parse("1e50", as: .f32), "too large for f32")
        XCTAssertNotNil(ValueParsing.parse("1e50", as: .f64))
        for text in ["", "x", "infinity", "1.5f", "nan(1)", "snan", "--1"] {
            XCTAssertNil(ValueParsing.parse(text, as: .f32), "\"\(text)\"")
        }
    }

    func testNaNs() {
        XCTAssertEqual(ValueParsing.parse("nan", as: .f32), .f32(0x7fc0_0000))
        XCTAssertEqual(ValueParsing.parse("-nan", as: .f32), .f32(0xffc0_0000))
        XCTAssertEqual(ValueParsing.parse("nan", as: .f64), .f64(0x7ff8_0000_0000_0000))
        XCTAssertEqual(ValueParsing.parse("nan:0x1", as: .f32), .f32(0x7f80_0001))
        XCTAssertEqual(ValueParsing.parse("-nan:0x200000", as: .f32), .f32(0xffa0_0000))
        XCTAssertEqual(ValueParsing.parse("nan:0xfffffffffffff", as: .f64), .f64(0x7fff_ffff_ffff_ffff))
        XCTAssertNil(ValueParsing.parse("nan:0x0", as: .f32), "zero payload is infinity, not a NaN")
        XCTAssertNil(ValueParsing.parse("nan:0x800000", as: .f32), "payload wider than f32's")
        XCTAssertNil(ValueParsing.parse("nan:0x", as: .f64))
    }

    func testFormattingRoundTrips() {
        let values: [Value] = [
            .i32(0x8000_0000), .i64(12345), .f32(0x3dcc_cccd), .f32(0x7fa0_0000), .f32(0xffc0_0000),
            .f64(0x3fb9_9999_9999_999a), .f64(0x7ff0_0000_0000_0001), .f64(0x8000_0000_0000_0000),
        ]
        for value in values {
            XCTAssertEqual(ValueParsing.parse(ValueFormatting.format(value), as: value.type), value, "\(value)")
        }
    }

    func testReferencesTakeOnlyNull() {
        XCTAssertEqual(ValueParsing.parse("null", as: .funcref), .funcref(nil))
        XCTAssertEqual(ValueParsing.parse("null", as: .externref), .externref(nil))
        XCTAssertNil(ValueParsing.parse("0", as: .externref))
        XCTAssertNil(ValueParsing.parse("ref.func", as: .funcref))
    }

    func testArgumentReadingNamesTheArgumentAndType() throws {
        let type = FunctionType(parameters: [.i32, .i64], results: [])
        switch ArgumentReading.values(["1", "x"], for: type, function: "f") {
        case .success(let values): XCTFail("accepted \(values)")
        case .failure(let mismatch):
            XCTAssertTrue(mismatch.description.contains("argument 2"), mismatch.description)
            XCTAssertTrue(mismatch.description.contains("i64"), mismatch.description)
        }
        switch ArgumentReading.values(["1"], for: type, function: "f") {
        case .success(let values): XCTFail("accepted \(values)")
        case .failure(let mismatch):
            XCTAssertTrue(mismatch.description.contains("takes 2 argument(s)"), mismatch.description)
        }
        XCTAssertEqual(try ArgumentReading.values(["-1", "2"], for: type, function: "f").get(), [.i32(0xffff_ffff), .i64(2)])
    }
}
