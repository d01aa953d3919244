import KeelFrontEnd
import KeelRuntime

/// A host function as the executor sees it: arguments arrive in `slots[0..<parameterCount]`
/// and results are written back to `slots[0..<resultCount]` (the buffer holds enough room
/// for both).
package final class HostFunction {
    package typealias Body = (_ caller: InstanceRuntime?, _ slots: UnsafeMutablePointer<UInt64>) throws(Trap) -> Void
    package let body: Body

    package init(_ body: @escaping Body) {
        self.body = body
    }
}

/// What the dispatch loop needs to call a function, without reference counting: the store
/// keeps every function, instance and compiled code alive while code runs.
package struct CallTarget {
    /// Entry of the compiled code; nil for a host function.
    var code: UnsafePointer<Inst>?
    var parameterCount: Int
    var localCount: Int
    var stackCost: Int
    /// Slots the interpreter's frame occupies (can exceed the stack cost; see `CompiledFunction`).
    var frameSize: Int
    var typeID: Int
    unowned(unsafe) var instance: InstanceRuntime?
    unowned(unsafe) var function: FunctionInstance

    init(_ function: FunctionInstance) {
        self.code = function.code.map { UnsafePointer($0.code) }
        self.parameterCount = function.code?.parameterCount ?? 0
        self.localCount = function.code?.localCount ?? 0
        self.stackCost = function.code?.stackCost ?? 0
        self.frameSize = function.code?.frameSize ?? 0
        self.typeID = function.typeID
        self.instance = function.instance
        self.function = function
    }
}

/// A function in a store: compiled WebAssembly code bound to its instance, or a host function.
package final class FunctionInstance {
    package let type: FunctionType
    /// The store-wide identity of `type`, compared by `call_indirect`.
    package let typeID: Int
    /// Position in the store's function list; a funcref to this function is `address + 1`.
    package let address: Int
    package let code: CompiledFunction?
    package let host: HostFunction?
    /// The instance whose memories, tables and globals the code uses. The store owns both the
    /// instance and this function and releases them together, so the reference cannot dangle.
    package unowned(unsafe) var instance: InstanceRuntime?

    package init(type: FunctionType, typeID: Int, address: Int, code: CompiledFunction, instance: InstanceRuntime) {
        self.type = type
        self.typeID = typeID
        self.address = address
        self.code = code
        self.host = nil
        self.instance = instance
    }

    package init(type: FunctionType, typeID: Int, address: Int, host: HostFunction) {
        self.type = type
        self.typeID = typeID
        self.address = address
        self.code = nil
        self.host = host
        self.instance = nil
    }
}
