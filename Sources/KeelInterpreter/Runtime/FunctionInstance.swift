import KeelFrontEnd

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
