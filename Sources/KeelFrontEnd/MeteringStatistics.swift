/// A backend that generates nothing and records each function's metering blocks: the static
/// fuel statistics of `keel inspect`. It sees exactly the blocks the real backends charge.
package struct MeteringStatistics: CodeGenerator {
    /// The cost of each metering block, in order.
    package var blockCosts: [UInt64] = []

    package init() {}

    package mutating func finishFunction(stackCost: Int) throws(CompileError) -> [UInt64] { blockCosts }
    package mutating func beginMeteringBlock() {}
    package mutating func endMeteringBlock(cost: UInt64) { blockCosts.append(cost) }

    package mutating func beginFunction(index: Int, type: FunctionType, locals: [ValueType], module: ModuleInfo) {}
    package mutating func setReachable(_ reachable: Bool) {}
    package mutating func block(type: FunctionType) {}
    package mutating func loop(type: FunctionType) {}
    package mutating func ifBlock(type: FunctionType) {}
    package mutating func elseBlock(endReachable: Bool) {}
    package mutating func end(endReachable: Bool) {}
    package mutating func endFunction() {}
    package mutating func br(depth: UInt32) {}
    package mutating func brIf(depth: UInt32) {}
    package mutating func brTable(depths: [UInt32], defaultDepth: UInt32) {}
    package mutating func returnFromFunction() {}
    package mutating func unreachable() {}
    package mutating func call(function: UInt32, type: FunctionType) {}
    package mutating func callIndirect(type: FunctionType, typeIndex: UInt32, table: UInt32) {}
    package mutating func drop() {}
    package mutating func select(type: ValueType) {}
    package mutating func localGet(_ index: UInt32, type: ValueType) {}
    package mutating func localSet(_ index: UInt32, type: ValueType) {}
    package mutating func localTee(_ index: UInt32, type: ValueType) {}
    package mutating func globalGet(_ index: UInt32, type: GlobalType) {}
    package mutating func globalSet(_ index: UInt32, type: GlobalType) {}
    package mutating func constant(_ type: ValueType, bits: UInt64) {}
    package mutating func numeric(_ op: NumericOp) {}
    package mutating func elideCanonicalization(operand: Int) {}
    package mutating func load(_ op: LoadOp, memory: UInt32, offset: UInt64) {}
    package mutating func store(_ op: StoreOp, memory: UInt32, offset: UInt64) {}
    package mutating func memorySize(memory: UInt32) {}
    package mutating func memoryGrow(memory: UInt32) {}
    package mutating func memoryFill(memory: UInt32) {}
    package mutating func memoryCopy(destination: UInt32, source: UInt32) {}
    package mutating func memoryInit(data: UInt32, memory: UInt32) {}
    package mutating func dataDrop(_ data: UInt32) {}
    package mutating func tableGet(_ table: UInt32) {}
    package mutating func tableSet(_ table: UInt32) {}
    package mutating func tableSize(_ table: UInt32) {}
    package mutating func tableGrow(_ table: UInt32) {}
    package mutating func tableFill(_ table: UInt32) {}
    package mutating func tableCopy(destination: UInt32, source: UInt32) {}
    package mutating func tableInit(element: UInt32, table: UInt32) {}
    package mutating func elemDrop(_ element: UInt32) {}
    package mutating func refFunc(_ function: UInt32) {}
    package mutating func refIsNull() {}
}
