import Keel
import KeelWAST
import XCTest

final class ValueFormattingTests: XCTestCase {
    func testIntegersAreSignedDecimal() {
        XCTAssertEqual(ValueFormatting.format(.i32(0xffff_ffff)), "-1")
        XCTAssertEqual(ValueFormatting.format(.i32(0x8000_0000)), "-2147483648")
        XCTAssertEqual(ValueFormatting.format(.i32(42)), "42")
        XCTAssertEqual(ValueFormatting.format(.i64(0x8000_0000_0000_0000)), "-9223372036854775808")
        XCTAssertEqual(ValueFormatting.format(.i64(0x7fff_ffff_ffff_ffff)), "9223372036854775807")
    }

    func testFloatsAreShortestRoundTrip() {
        XCTAssertEqual(ValueFormatting.format(.f32(Float(1.5).bitPattern)), "1.5")
        XCTAssertEqual(ValueFormatting.format(.f32(Float(0.1).bitPattern)), "0.1")
        XCTAssertEqual(ValueFormatting.format(.f64(Double(0.1).bitPattern)), "0.1")
        XCTAssertEqual(ValueFormatting.format(.f32(Float(-0.0).bitPattern)), "-0.0")
        XCTAssertEqual(ValueFormatting.format(.f32(Float(1e20).bitPattern)), "1e+20")
        XCTAssertEqual(ValueFormatting.format(.f32(0x7f80_0000)), "inf")
        XCTAssertEqual(ValueFormatting.format(.f64(0xfff0_0000_0000_0000)), "-inf")
    }

    func testNaNsShowSignAndNonCanonicalPayload() {
        XCTAssertEqual(ValueFormatting.format(.f32(0x7fc0_0000)), "nan")
        XCTAssertEqual(ValueFormatting.format(.f32(0xffc0_0000)), "-nan")
        XCTAssertEqual(ValueFormatting.format(.f32(0x7fa0_0000)), "nan:0x200000")
        XCTAssertEqual(ValueFormatting.format(.f32(0x7f80_0001)), "nan:0x1")
        XCTAssertEqual(ValueFormatting.format(.f64(0x7ff8_0000_0000_0000)), "nan")
        XCTAssertEqual(ValueFormatting.format(.f64(0xfff8_0000_0000_0000)), "-nan")
        XCTAssertEqual(ValueFormatting.format(.f64(0x7ff0_0000_0000_0001)), "nan:0x1")
        XCTAssertEqual(ValueFormatting.format(.f64(0x7ffc_0000_0000_0000)), "nan:0xc000000000000")
    }

    func testReferences() {
        XCTAssertEqual(ValueFormatting.format(.funcref(nil)), "null")
        XCTAssertEqual(ValueFormatting.format(.externref(nil)), "null")
        XCTAssertEqual(ValueFormatting.format(.externref(7)), "ref.extern 7")
    }

    func testDescriptionsCarryTypeAndBits() {
        XCTAssertEqual(ValueFormatting.describe(.i32(0xffff_ffff)), "i32:-1")
        XCTAssertEqual(ValueFormatting.describe(.f32(0x3fc0_0000)), "f32:1.5 (0x3fc00000)")
        XCTAssertEqual(ValueFormatting.describe(.f64(0x7ff8_0000_0000_0000)), "f64:nan (0x7ff8000000000000)")
        XCTAssertEqual(ValueFormatting.describe([.i64(1), .externref(nil)]), "[i64:1, ref.null extern]")
    }
}
