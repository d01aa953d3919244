import KeelFrontEnd

/// The arrays a code generator fills per function, kept from one function to the next
/// (`JITModuleCode.compile` makes one per module), so that compiling a function allocates almost
/// nothing. A generator takes them at `init` (emptied) and gives them back when its function is
/// finished; a generator without storage allocates its own.
package final class JITGeneratorStorage<Masm: MacroAssembler> {
    typealias Generator = JITGenerator<Masm>

    var localTypes: [ValueType] = []
    var homes: [Generator.LocalHome] = []
    var registerLocals: [Int] = []
    var dirty: [Bool] = []
    var stack: [Generator.StackEntry] = []
    var lazyCount: [Int] = []
    var registerHolder: [Int] = []
    var controls: [Generator.Control] = []
    var pendingCharges: [Masm.PatchSite] = []
    var frameSizePatches: [Masm.PatchSite] = []
    var stackCostPatches: [Masm.PatchSite] = []
    var trapLabels: [Label?] = []
    var nanFixups: [(Label, Label, Masm.FloatRegister, Bool)] = []
    var stubIndex: [Int] = []
    /// The previous function's macro-assembler, kept for its storage (`take` resets it).
    var spareMasm: Masm?
    /// The target's operand registers as sets, computed once.
    let operandRegisters = RegisterSet(Masm.operandRegisters.map(\.number))
    let operandFloatRegisters = RegisterSet(Masm.operandFloatRegisters.map(\.number))

    package init() {}

    /// The macro-assembler the previous function used, reset, or `make()` for the first.
    package func takeMasm(orMake make: () -> Masm) -> Masm {
        guard var masm = spareMasm else { return make() }
        spareMasm = nil
        masm.reset()
        return masm
    }
}

extension JITGenerator {
    /// Takes `storage`'s arrays, emptied (`registerHolder` and `trapLabels` reset to their
    /// initial contents).
    mutating func adopt(_ storage: JITGeneratorStorage<Masm>) {
        func take<T>(_ array: inout [T]) -> [T] {
            var taken: [T] = []
            swap(&taken, &array)
            taken.removeAll(keepingCapacity: true)
            return taken
        }
        localTypes = take(&storage.localTypes)
        homes = take(&storage.homes)
        registerLocals = take(&storage.registerLocals)
        dirty = take(&storage.dirty)
        stack = take(&storage.stack)
        lazyCount = take(&storage.lazyCount)
        controls = take(&storage.controls)
        pendingCharges = take(&storage.pendingCharges)
        frameSizePatches = take(&storage.frameSizePatches)
        stackCostPatches = take(&storage.stackCostPatches)
        nanFixups = take(&storage.nanFixups)
        // Every entry is -1 between tables: kept as it is, not emptied.
        swap(&stubIndex, &storage.stubIndex)
        registerHolder = take(&storage.registerHolder)
        registerHolder.append(contentsOf: repeatElement(-1, count: Self.registerNumbers))
        trapLabels = take(&storage.trapLabels)
        trapLabels.append(contentsOf: repeatElement(nil, count: Self.trapKinds))
    }

    /// Gives the arrays (and the macro-assembler) back to `storage` for the next function.
    mutating func returnStorage(to storage: JITGeneratorStorage<Masm>) {
        storage.spareMasm = masm
        swap(&localTypes, &storage.localTypes)
        swap(&homes, &storage.homes)
        swap(&registerLocals, &storage.registerLocals)
        swap(&dirty, &storage.dirty)
        swap(&stack, &storage.stack)
        swap(&lazyCount, &storage.lazyCount)
        swap(&controls, &storage.controls)
        swap(&pendingCharges, &storage.pendingCharges)
        swap(&frameSizePatches, &storage.frameSizePatches)
        swap(&stackCostPatches, &storage.stackCostPatches)
        swap(&nanFixups, &storage.nanFixups)
        swap(&stubIndex, &storage.stubIndex)
        swap(&registerHolder, &storage.registerHolder)
        swap(&trapLabels, &storage.trapLabels)
    }
}
