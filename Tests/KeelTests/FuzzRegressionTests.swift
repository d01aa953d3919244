import Keel
import KeelTestSupport
import XCTest

/// Disagreements between the backends that fuzz-diff found (Fuzz/regressions/fuzz-diff), on
/// both backends and in both profiles.
final class FuzzRegressionTests: EveryBackendTestCase {
    /// A `br_if 0` to the function's own label, not taken, keeps the values it carries: the
    /// interpreter stored them only on the taken path, and the `local.set` that consumed them
    /// afterwards read slots they never reached.
    func testValuesKeptByANotTakenBranchToTheFunctionSurvive() throws {
        try onEveryBackend {
            for instance in try standardAndContractInstances("""
                (module
                  (func (export "i64") (result i64) (local i64)
                    i64.const 163
                    i32.const 0
                    br_if 0
                    local.set 0
                    local.get 0)
                  (func (export "f64") (param i32) (result f64) (local f64)
                    f64.const 2.5
                    local.get 0
                    br_if 0
                    local.set 1
                    local.get 1)
                  (func (export "multi") (param f32 i32 i32) (result f32 f32 i32) (local f32 f32 i32)
                    local.get 0
                    f32.const -inf
                    local.get 2
                    local.get 1
                    br_if 0
                    local.set 5
                    local.set 4
                    local.set 3
                    local.get 4
                    local.get 3
                    local.get 5))
                """) {
                XCTAssertEqual(try call(instance, "i64"), [.i64(163)])
                XCTAssertEqual(try call(instance, "f64", .i32(0)), [.f64(2.5.bitPattern)])
                XCTAssertEqual(try call(instance, "f64", .i32(1)), [.f64(2.5.bitPattern)])
                XCTAssertEqual(try call(instance, "multi", .f32(Float(0.25).bitPattern), .i32(0), .i32(4)), [.f32((-Float.infinity).bitPattern), .f32(Float(0.25).bitPattern), .i32(4)])
                XCTAssertEqual(try call(instance, "multi", .f32(Float(0.25).bitPattern), .i32(1), .i32(4)), [.f32(Float(0.25).bitPattern), .f32((-Float.infinity).bitPattern), .i32(4)])
            }
        }
    }
}
