import KeelFrontEnd
import KeelRuntime

/// A function in a store: WebAssembly code of an instance, or a host function.
public final class Function {
    public let store: Store
    let instance: FunctionInstance

    init(store: Store, instance: FunctionInstance) {
        self.store = store
        self.instance = instance
    }

    /// The function's type.
    public var type: FunctionType { instance.type }

    /// A reference to this function, as a `funcref` value.
    public var reference: Value { .funcref(FunctionReference(address: instance.address)) }

    /// Calls the function. Arguments must match the parameter types (a mismatch is a host trap).
    public func call(_ arguments: [Value]) throws(Trap) -> [Value] {
        let type = instance.type
        guard arguments.count == type.parameters.count else {
            throw Trap.host("expected \(type.parameters.count) arguments of types \(type.parameters), got \(arguments.count)")
        }
        for (k, (argument, parameter)) in zip(arguments, type.parameters).enumerated() where argument.type != parameter {
            throw Trap.host("argument \(k) has type \(argument.type), expected \(parameter)")
        }
        let results = try store.execution.invoke(instance, arguments: arguments.map(\.bits))
        return zip(results, type.results).map { Value(bits: $0, type: $1) }
    }
}

/// A linear memory in a store.
public final class Memory {
    public let store: Store
    let storage: LinearMemory

    init(store: Store, storage: LinearMemory) {
        self.store = store
        self.storage = storage
    }

    /// Creates a memory of `type` in `store`; traps if its minimum exceeds the engine's limit.
    public convenience init(store: Store, type: MemoryType) throws(Trap) {
        guard let storage = LinearMemory(type: type, limitPages: store.engine.configuration.limits.memoryPages) else {
            throw Trap.host("memory of \(type.limits.min) pages exceeds the limit of \(store.engine.configuration.limits.memoryPages)")
        }
        self.init(store: store, storage: storage)
    }

    /// The memory's type, with its current size as the minimum.
    public var type: MemoryType { MemoryType(limits: Limits(min: UInt64(storage.pageCount), max: storage.type.limits.max)) }
    public var pageCount: Int { storage.pageCount }
    public var byteCount: Int { storage.byteCount }

    /// Reads `count` bytes at `offset`.
    public func read(at offset: Int, count: Int) throws(Trap) -> [UInt8] {
        guard offset >= 0, count >= 0, storage.contains(UInt64(offset), count: UInt64(count)) else {
            throw Trap(.outOfBoundsMemoryAccess)
        }
        return Array(UnsafeBufferPointer(start: storage.base + offset, count: count))
    }

    /// Writes `bytes` at `offset`.
    public func write(_ bytes: [UInt8], at offset: Int) throws(Trap) {
        guard offset >= 0, storage.contains(UInt64(offset), count: UInt64(bytes.count)) else {
            throw Trap(.outOfBoundsMemoryAccess)
        }
        bytes.withUnsafeBufferPointer { source in
            // Sound: the destination range was checked just above.
            if let start = source.baseAddress { (storage.base + offset).update(from: start, count: source.count) }
        }
    }

    /// Grows by `pages`; returns the old page count, or nil if the maximum would be exceeded.
    public func grow(by pages: Int) -> Int? {
        guard pages >= 0 else { return nil }
        let result = storage.grow(by: UInt64(pages))
        return result < 0 ? nil : Int(result)
    }
}

/// A table of references in a store.
public final class Table {
    public let store: Store
    let storage: TableStorage

    init(store: Store, storage: TableStorage) {
        self.store = store
        self.storage = storage
    }

    /// Creates a table of `type` filled with `initial`.
    public convenience init(store: Store, type: TableType, initial: Value) throws(Trap) {
        guard initial.type == type.elementType else { throw Trap.host("initial value \(initial) does not match \(type.elementType)") }
        guard let storage = TableStorage(type: type, initial: initial.bits, limitSize: UInt64(store.engine.configuration.limits.tableSize)) else {
            throw Trap.host("table of \(type.limits.min) elements exceeds the limit of \(store.engine.configuration.limits.tableSize)")
        }
        self.init(store: store, storage: storage)
    }

    /// The table's type, with its current size as the minimum.
    public var type: TableType {
        TableType(elementType: storage.type.elementType, limits: Limits(min: UInt64(storage.elements.count), max: storage.type.limits.max))
    }
    public var size: Int { storage.elements.count }

    public func get(_ index: Int) throws(Trap) -> Value {
        guard index >= 0, index < storage.elements.count else { throw Trap(.outOfBoundsTableAccess) }
        return Value(bits: storage.elements[index], type: storage.type.elementType)
    }

    public func set(_ index: Int, _ value: Value) throws(Trap) {
        guard index >= 0, index < storage.elements.count else { throw Trap(.outOfBoundsTableAccess) }
        guard value.type == storage.type.elementType else { throw Trap.host("value \(value) does not match \(storage.type.elementType)") }
        storage.elements[index] = value.bits
    }

    /// Grows by `count` elements set to `initial`; returns the old size, or nil on failure.
    public func grow(by count: Int, initial: Value) -> Int? {
        guard count >= 0, initial.type == storage.type.elementType else { return nil }
        let result = storage.grow(by: UInt64(count), initial: initial.bits)
        return result < 0 ? nil : Int(result)
    }
}

/// A global variable in a store.
public final class Global {
    public let store: Store
    let cell: GlobalCell

    init(store: Store, cell: GlobalCell) {
        self.store = store
        self.cell = cell
    }

    /// Creates a global of `type` holding `value` (which must have the type's value type).
    public convenience init(store: Store, type: GlobalType, value: Value) {
        precondition(value.type == type.valueType, "global value \(value) does not match \(type)")
        self.init(store: store, cell: GlobalCell(type: type, bits: value.bits))
    }

    public var type: GlobalType { cell.type }
    public var value: Value { Value(bits: cell.bits, type: cell.type.valueType) }

    /// Sets a mutable global; setting an immutable one or a wrong type is a host trap.
    public func set(_ value: Value) throws(Trap) {
        guard cell.type.isMutable else { throw Trap.host("global is immutable") }
        guard value.type == cell.type.valueType else { throw Trap.host("value \(value) does not match \(cell.type)") }
        cell.bits = value.bits
    }
}

/// An entity that can be imported or exported.
public enum Extern {
    case function(Function)
    case table(Table)
    case memory(Memory)
    case global(Global)

    /// The entity's current type (memories and tables report their current size as minimum).
    public var type: ExternType {
        switch self {
        case .function(let f): .function(f.type)
        case .table(let t): .table(t.type)
        case .memory(let m): .memory(m.type)
        case .global(let g): .global(g.type)
        }
    }
}
