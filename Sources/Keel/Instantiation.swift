import KeelFrontEnd
import KeelRuntime

/// Module instantiation (WebAssembly 2.0, "Instantiation"): allocate, initialize globals, apply
/// element and data segments in order, run the start function.
enum Instantiation {
    static func run(_ module: Module, imports: [Extern], store: Store) throws -> Instance {
        let info = module.info
        let storeRuntime = store.runtime
        let instance = InstanceRuntime(store: storeRuntime)
        // The store owns the instance from here on: functions of a partly initialized
        // instance may already sit in imported tables when a later segment traps.
        storeRuntime.addInstance(instance)
        instance.typeIDs = info.types.map { storeRuntime.typeID($0) }
        for item in imports {
            switch item {
            case .function(let f): instance.functions.append(f.instance)
            case .table(let t): instance.tables.append(t.storage)
            case .memory(let m): instance.memories.append(m.storage)
            case .global(let g): instance.globals.append(g.cell)
            }
        }
        for (k, code) in module.compiled.functions.enumerated() {
            let type = info.functionType(UInt32(info.importedFunctionCount + k))
            instance.functions.append(storeRuntime.addFunction(type: type, code: code, instance: instance))
        }
        let limits = store.engine.configuration.limits
        for type in info.tables[info.importedTableCount...] {
            guard let table = TableStorage(type: type, initial: 0, limitSize: UInt64(limits.tableSize)) else {
                throw Trap.host("table of \(type.limits.min) elements exceeds the limit of \(limits.tableSize)")
            }
            instance.tables.append(table)
        }
        for type in info.memories[info.importedMemoryCount...] {
            guard let memory = LinearMemory(type: type, limitPages: limits.memoryPages) else {
                throw Trap.host("memory of \(type.limits.min) pages exceeds the limit of \(limits.memoryPages) pages")
            }
            instance.memories.append(memory)
        }
        for (k, initializer) in info.globalInits.enumerated() {
            let type = info.globals[info.importedGlobalCount + k]
            instance.globals.append(GlobalCell(type: type, bits: evaluate(initializer, instance)))
        }
        instance.exports = info.exports
        instance.prepareForExecution()
        instance.elementSegments = info.elements.map { segment in segment.items.map { evaluate($0, instance) } }
        instance.dataSegments = info.datas.map(\.bytes)

        for (k, segment) in info.elements.enumerated() {
            switch segment.mode {
            case .passive:
                break
            case .declarative:
                instance.elementSegments[k] = []
            case .active(let table, let offset):
                let start = UInt64(UInt32(truncatingIfNeeded: evaluate(offset, instance)))
                let storage = instance.tables[Int(table)]
                let items = instance.elementSegments[k]
                guard start <= UInt64(storage.elements.count), UInt64(items.count) <= UInt64(storage.elements.count) - start else {
                    throw Trap(.outOfBoundsTableAccess)
                }
                storage.elements.replaceSubrange(Int(start)..<Int(start) + items.count, with: items)
                instance.elementSegments[k] = []
            }
        }
        for (k, segment) in info.datas.enumerated() {
            guard case .active(let memoryIndex, let offset) = segment.mode else { continue }
            let start = UInt64(UInt32(truncatingIfNeeded: evaluate(offset, instance)))
            let memory = instance.memories[Int(memoryIndex)]
            guard memory.contains(start, count: UInt64(segment.bytes.count)) else { throw Trap(.outOfBoundsMemoryAccess) }
            segment.bytes.withUnsafeBufferPointer { bytes in
                // Sound: the destination range was checked just above.
                if let source = bytes.baseAddress { (memory.base + Int(start)).update(from: source, count: bytes.count) }
            }
            instance.dataSegments[k] = []
        }
        if let start = info.start {
            _ = try store.execution.invoke(instance.functions[Int(start)], arguments: [])
        }
        return Instance(store: store, runtime: instance, exports: info.exports)
    }

    /// Evaluates a validated constant expression to a raw slot.
    static func evaluate(_ expression: ConstExpr, _ instance: InstanceRuntime) -> UInt64 {
        var stack: [UInt64] = []
        for op in expression.ops {
            switch op {
            case .i32Const(let v): stack.append(UInt64(v))
            case .i64Const(let v): stack.append(v)
            case .f32Const(let v): stack.append(UInt64(v))
            case .f64Const(let v): stack.append(v)
            case .refNull: stack.append(0)
            case .refFunc(let index): stack.append(UInt64(instance.functions[Int(index)].address + 1))
            case .globalGet(let index): stack.append(instance.globals[Int(index)].bits)
            case .i32Add, .i32Sub, .i32Mul, .i64Add, .i64Sub, .i64Mul:
                let y = stack.removeLast()
                let x = stack.removeLast()
                switch op {
                case .i32Add: stack.append(UInt64(UInt32(truncatingIfNeeded: x) &+ UInt32(truncatingIfNeeded: y)))
                case .i32Sub: stack.append(UInt64(UInt32(truncatingIfNeeded: x) &- UInt32(truncatingIfNeeded: y)))
                case .i32Mul: stack.append(UInt64(UInt32(truncatingIfNeeded: x) &* UInt32(truncatingIfNeeded: y)))
                case .i64Add: stack.append(x &+ y)
                case .i64Sub: stack.append(x &- y)
                default: stack.append(x &* y)
                }
            }
        }
        return stack.last ?? 0
    }
}
