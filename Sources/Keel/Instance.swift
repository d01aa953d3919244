import KeelFrontEnd
import KeelRuntime

/// An instantiated module: its exports, bound to a store.
public final class Instance {
    public let store: Store
    let runtime: InstanceRuntime
    let exportEntries: [ExportEntry]

    init(store: Store, runtime: InstanceRuntime, exports: [ExportEntry]) {
        self.store = store
        self.runtime = runtime
        self.exportEntries = exports
    }

    /// Frees the memories this instance defined (leaving them empty, unable to grow), for
    /// an embedder that knows the instance will never run or be read again.
    package func releaseDefinedMemories(importedCount: Int) {
        for memory in runtime.memories.dropFirst(importedCount) { memory.release() }
    }

    /// Every export, in module order.
    public var exports: [(name: String, value: Extern)] {
        exportEntries.map { ($0.name, Instance.extern($0, in: runtime, store: store)) }
    }

    /// The export named `name` (names compare by their UTF-8 bytes).
    public func export(_ name: String) -> Extern? {
        Instance.export(named: name, in: runtime, store: store)
    }

    public func function(_ name: String) -> Function? {
        if case .function(let f) = export(name) { return f }
        return nil
    }

    public func memory(_ name: String) -> Memory? {
        if case .memory(let m) = export(name) { return m }
        return nil
    }

    public func table(_ name: String) -> Table? {
        if case .table(let t) = export(name) { return t }
        return nil
    }

    public func global(_ name: String) -> Global? {
        if case .global(let g) = export(name) { return g }
        return nil
    }

    static func export(named name: String, in runtime: InstanceRuntime, store: Store) -> Extern? {
        guard let entry = runtime.exports.first(where: { $0.name.utf8.elementsEqual(name.utf8) }) else { return nil }
        return extern(entry, in: runtime, store: store)
    }

    static func extern(_ entry: ExportEntry, in runtime: InstanceRuntime, store: Store) -> Extern {
        let index = Int(entry.index)
        switch entry.kind {
        case .function: return .function(Function(store: store, instance: runtime.functions[index]))
        case .table: return .table(Table(store: store, storage: runtime.tables[index]))
        case .memory: return .memory(Memory(store: store, storage: runtime.memories[index]))
        case .global: return .global(Global(store: store, cell: runtime.globals[index]))
        }
    }
}
