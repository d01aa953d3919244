import Keel

/// Writes a ``ModuleLayout`` and its function bodies as a module binary, sections in the
/// order the specification requires (the data count section before the code, since bodies
/// use `memory.init` and `data.drop`).
struct ModuleEncoder {
    let layout: ModuleLayout
    let bodies: [[UInt8]]

    func encode() -> [UInt8] {
        var module = WasmWriter()
        module.append(WasmWriter.header)
        module.section(1, typeSection())
        module.section(3, vector(layout.functionTypes) { $0.unsigned($1) })
        module.section(4, tableSection())
        module.section(5, limits(layout.memoryMinimum, layout.memoryMaximum, count: 1))
        module.section(6, vector(layout.globals) { writer, global in
            writer.valueType(global.type)
            writer.byte(global.mutable ? 1 : 0)
            Self.constant(global.type, global.initial, into: &writer)
            writer.byte(0x0B)
        })
        module.section(7, exportSection())
        if let start = layout.start {
            var writer = WasmWriter()
            writer.unsigned(start)
            module.section(8, writer.bytes)
        }
        module.section(9, elementSection())
        var dataCount = WasmWriter()
        dataCount.unsigned(2)
        module.section(12, dataCount.bytes)
        module.section(10, vector(bodies) { writer, body in
            writer.unsigned(body.count)
            writer.append(body)
        })
        module.section(11, dataSection())
        return module.bytes
    }

    private func vector<T>(_ items: [T], _ write: (inout WasmWriter, T) -> Void) -> [UInt8] {
        var writer = WasmWriter()
        writer.unsigned(items.count)
        for item in items { write(&writer, item) }
        return writer.bytes
    }

    private func typeSection() -> [UInt8] {
        vector(layout.types) { writer, type in
            writer.byte(0x60)
            writer.unsigned(type.parameters.count)
            type.parameters.forEach { writer.valueType($0) }
            writer.unsigned(type.results.count)
            type.results.forEach { writer.valueType($0) }
        }
    }

    /// A vector of `count` identical limits (count 1: one memory).
    private func limits(_ minimum: Int, _ maximum: Int?, count: Int) -> [UInt8] {
        var writer = WasmWriter()
        writer.unsigned(count)
        Self.limits(minimum, maximum, into: &writer)
        return writer.bytes
    }

    private static func limits(_ minimum: Int, _ maximum: Int?, into writer: inout WasmWriter) {
        writer.byte(maximum == nil ? 0 : 1)
        writer.unsigned(minimum)
        if let maximum { writer.unsigned(maximum) }
    }

    private func tableSection() -> [UInt8] {
        var writer = WasmWriter()
        writer.unsigned(1)
        writer.byte(0x70)
        Self.limits(layout.tableMinimum, layout.tableMaximum, into: &writer)
        return writer.bytes
    }

    private func exportSection() -> [UInt8] {
        var writer = WasmWriter()
        writer.unsigned(layout.functionTypes.count + 1 + layout.globals.count)
        for index in layout.functionTypes.indices {
            writer.name("f\(index)")
            writer.byte(0x00)
            writer.unsigned(index)
        }
        writer.name("memory")
        writer.byte(0x02)
        writer.unsigned(0)
        for index in layout.globals.indices {
            writer.name("g\(index)")
            writer.byte(0x03)
            writer.unsigned(index)
        }
        return writer.bytes
    }

    /// Segment 0 passive, segment 1 active at `elementOffset` (what the bodies' `table.init 0`
    /// and `elem.drop 0` assume).
    private func elementSection() -> [UInt8] {
        var writer = WasmWriter()
        writer.unsigned(2)
        writer.append([0x01, 0x00])
        writer.unsigned(layout.passiveElements.count)
        layout.passiveElements.forEach { writer.unsigned($0) }
        writer.byte(0x00)
        writer.byte(0x41)
        writer.signed(Int64(layout.elementOffset))
        writer.byte(0x0B)
        writer.unsigned(layout.activeElements.count)
        layout.activeElements.forEach { writer.unsigned($0) }
        return writer.bytes
    }

    /// Segment 0 passive, segment 1 active at `dataOffset`.
    private func dataSection() -> [UInt8] {
        var writer = WasmWriter()
        writer.unsigned(2)
        writer.byte(0x01)
        writer.unsigned(layout.passiveData.count)
        writer.append(layout.passiveData)
        writer.byte(0x00)
        writer.byte(0x41)
        writer.signed(Int64(Int32(truncatingIfNeeded: layout.dataOffset)))
        writer.byte(0x0B)
        writer.unsigned(layout.activeData.count)
        writer.append(layout.activeData)
        return writer.bytes
    }

    /// A constant instruction of `type` with `bits`.
    static func constant(_ type: ValueType, _ bits: UInt64, into writer: inout WasmWriter) {
        switch type {
        case .i32:
            writer.byte(0x41)
            writer.signed(Int64(Int32(truncatingIfNeeded: bits)))
        case .i64:
            writer.byte(0x42)
            writer.signed(Int64(bitPattern: bits))
        case .f32:
            writer.byte(0x43)
            for shift in stride(from: 0, to: 32, by: 8) { writer.byte(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        case .f64:
            writer.byte(0x44)
            for shift in stride(from: 0, to: 64, by: 8) { writer.byte(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        case .funcref, .externref:
            writer.byte(0xD0)
            writer.byte(WasmWriter.code(of: type))
        }
    }
}
