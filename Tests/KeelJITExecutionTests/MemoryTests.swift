import Keel
import Testing

/// Loads and stores with bounds checks on memory 0, on both backends: every width in and out of
/// bounds, offsets, and stores that are partly out of bounds (which write nothing).
@Suite struct MemoryTests {
    static let loads = ["i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u",
        "i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u", "i64.load32_s", "i64.load32_u", "f32.load", "f64.load"]
    static let stores = ["i32.store", "i32.store8", "i32.store16", "i64.store", "i64.store8", "i64.store16", "i64.store32", "f64.store"]

    static var wat: String {
        var text = "(module (memory (export \"memory\") 1) (data (i32.const 0) \"\\01\\82\\f3\\04\\85\\06\\f7\\08\\09\\8a\")\n"
        for (k, op) in loads.enumerated() {
            let type = String(op.prefix(3))
            text += "(func (export \"\(op)\") (param i32) (result \(type)) (\(op) (local.get 0)))\n"
            text += "(func (export \"\(op)@\(k)\") (param i32) (result \(type)) (\(op) offset=\(k * 4093) (local.get 0)))\n"
        }
        for op in stores {
            let type = String(op.prefix(3))
            let value = type == "f64" ? "(f64.const -1.5)" : type == "i64" ? "(i64.const -0x123456789)" : "(i32.const -0x1234567)"
            text += "(func (export \"\(op)\") (param i32) (\(op) offset=3 (local.get 0) \(value)))\n"
        }
        text += "(func (export \"size\") (result i32) (memory.size))\n"
        return text + ")"
    }

    @Test func loadsAndStoresCheckBounds() throws {
        let addresses: [UInt32] = [0, 1, 3, 7, 0xFFF8, 0xFFF9, 0xFFFC, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x7FFF_FFFF, 0xFFFF_FFFF]
        var calls: [Call] = []
        for (k, op) in Self.loads.enumerated() {
            for address in addresses { calls += [Call(op, .i32(address)), Call("\(op)@\(k)", .i32(address))] }
        }
        for op in Self.stores { for address in addresses + [100, 0xFFF5] { calls.append(Call(op, .i32(address))) } }
        calls.append(Call("size"))
        let results = try expectSameOnBothBackends(Self.wat, calls)
        #expect(results.contains { $0.trap == "out of bounds memory access" })
        #expect(results.contains { $0.results == [.i32(0x04F3_8201)] })
    }
}

/// Memories other than 0 (multi-memory): accesses, size, growth and bulk operations.
@Suite struct MultiMemoryTests {
    static let wat = """
        (module
          (memory (export "memory") 1) (memory $b 1 4)
          (data (memory $b) (i32.const 8) "\\2a\\00\\00\\00")
          (func (export "load") (param i32) (result i32) (i32.load $b (local.get 0)))
          (func (export "store") (param i32 i64) (i64.store $b offset=2 (local.get 0) (local.get 1)))
          (func (export "size") (result i32) (memory.size $b))
          (func (export "grow") (param i32) (result i32) (memory.grow $b (local.get 0)))
          (func (export "copy") (param i32 i32 i32) (memory.copy 0 $b (local.get 0) (local.get 1) (local.get 2)))
        )
        """

    @Test func secondMemory() throws {
        var calls: [Call] = [Call("load", .i32(8))]
        for address: UInt32 in [0, 8, 0xFFFC, 0xFFFD, 0x1FFFC, 0xFFFF_FFFF] {
            calls += [Call("load", .i32(address)), Call("store", .i32(address), .i64(0x0102_0304_0506_0708))]
        }
        calls += [Call("size"), Call("grow", .i32(1)), Call("size"), Call("load", .i32(0x1FFFC)), Call("grow", .i32(9)),
            Call("copy", .i32(0), .i32(0), .i32(64)), Call("copy", .i32(0), .i32(0x1FFFF), .i32(2))]
        let results = try expectSameOnBothBackends(Self.wat, calls)
        #expect(results.contains { $0.results == [.i32(42)] })
        #expect(results.contains { $0.trap == "out of bounds memory access" })
    }
}
