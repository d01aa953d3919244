import KeelFrontEnd

/// The execution state of one module instance: its index spaces resolved to store entities.
package final class InstanceRuntime {
    package var functions: [FunctionInstance] = []
    package var memories: [LinearMemory] = []
    package var tables: [TableStorage] = []
    package var globals: [GlobalCell] = []
    /// Store-wide type identity of each of the module's types.
    package var typeIDs: [Int] = []
    /// Passive data segments' bytes; emptied by `data.drop` and by instantiation for active ones.
    package var dataSegments: [[UInt8]] = []
    /// Element segments' references; emptied by `elem.drop`.
    package var elementSegments: [[UInt64]] = []
    /// The module's exports, in order.
    package var exports: [ExportEntry] = []
    package unowned(unsafe) let store: StoreRuntime
    /// Raw views of `functions`, `globals` and the first memory for the dispatch loop, built by
    /// `prepareForExecution()`; they hold no references, so the loop does no reference counting.
    package private(set) var callTargets: UnsafeMutablePointer<CallTarget>?
    package private(set) var globalSlots: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>?
    /// The views of the memories, by index, and of memory 0 (an empty view without memory).
    package private(set) var memoryViews: UnsafeMutablePointer<UnsafeMutablePointer<MemoryView>>?
    package private(set) var memory0: UnsafeMutablePointer<MemoryView>
    // Never written after creation: a zero-sized memory every memoryless instance may share.
    nonisolated(unsafe) private static let emptyView: UnsafeMutablePointer<MemoryView> = {
        let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        let view = UnsafeMutablePointer<MemoryView>.allocate(capacity: 1)
        view.initialize(to: MemoryView(base: empty, size: 0))
        return view
    }()

    package init(store: StoreRuntime) {
        self.store = store
        self.memory0 = InstanceRuntime.emptyView
    }

    deinit {
        callTargets?.deallocate()
        globalSlots?.deallocate()
        memoryViews?.deallocate()
    }

    /// Builds the raw views once the index spaces are complete (before any code runs). The
    /// objects they point into are owned by this instance or, for imports, by the store.
    package func prepareForExecution() {
        callTargets?.deallocate()
        globalSlots?.deallocate()
        let targets = UnsafeMutablePointer<CallTarget>.allocate(capacity: max(functions.count, 1))
        for (k, function) in functions.enumerated() { (targets + k).initialize(to: CallTarget(function)) }
        callTargets = targets
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>.allocate(capacity: max(globals.count, 1))
        for (k, global) in globals.enumerated() { (slots + k).initialize(to: global.slot) }
        globalSlots = slots
        memoryViews?.deallocate()
        let views = UnsafeMutablePointer<UnsafeMutablePointer<MemoryView>>.allocate(capacity: max(memories.count, 1))
        for (k, memory) in memories.enumerated() { (views + k).initialize(to: memory.view) }
        memoryViews = views
        memory0 = memories.first?.view ?? InstanceRuntime.emptyView
    }

    /// Breaks the reference cycles between this instance and its functions when the store goes.
    package func release() {
        functions = []
        tables = []
    }
}
