import KeelFrontEnd

/// A host function as the executor sees it: arguments arrive in `slots[0..<parameterCount]`
/// and results are written back to `slots[0..<resultCount]` (the buffer holds enough room
/// for both). The calling instance (nil when called from outside WebAssembly) is passed
/// unretained: it is alive for the whole call, which runs inside it.
package final class HostFunction {
    package typealias Body = (_ caller: Unmanaged<InstanceRuntime>?, _ slots: UnsafeMutablePointer<UInt64>) throws(Trap) -> Void
    package let body: Body

    package init(_ body: @escaping Body) {
        self.body = body
    }
}

/// What compiled code needs to call a function, without reference counting: the store
/// keeps every function, instance and compiled code alive while code runs.
package struct CallTarget {
    /// Entry of the compiled code; nil for a host function.
    package var code: UnsafeRawPointer?
    package var parameterCount: Int
    package var localCount: Int
    package var stackCost: Int
    /// Slots the backend's frame occupies (can exceed the stack cost; see `FunctionCode`); for
    /// a host function, its slots: the larger of its parameter and result counts.
    package var frameSize: Int
    package var typeID: Int
    package unowned(unsafe) var instance: InstanceRuntime?
    package unowned(unsafe) var function: FunctionInstance
    /// The host function (nil for compiled code). Sound: `function` owns it and the store owns
    /// `function` for as long as any code that holds this target can run.
    package var host: Unmanaged<HostFunction>?

    package init(_ function: FunctionInstance) {
        self.code = function.code?.entry
        self.parameterCount = function.code?.parameterCount ?? 0
        self.localCount = function.code?.localCount ?? 0
        self.stackCost = function.code?.stackCost ?? 0
        self.frameSize = function.code?.frameSize ?? max(function.type.parameters.count, function.type.results.count)
        self.typeID = function.typeID
        self.instance = function.instance
        self.function = function
        self.host = function.host.map { Unmanaged.passUnretained($0) }
    }

    /// Calls the host function (`host` is not nil) on `slots` for `caller`, with no reference
    /// counting on the way (the one host-call path of every backend); returns its trap, if any.
    @inline(__always)
    package func callHost(caller: Unmanaged<InstanceRuntime>?, slots: UnsafeMutablePointer<UInt64>) -> Trap? {
        host.unsafelyUnwrapped._withUnsafeGuaranteedRef { (host) -> Trap? in
            do throws(Trap) {
                try host.body(caller, slots)
                return nil
            } catch {
                return error
            }
        }
    }
}

/// One defined function's compiled code, as a backend produced it: where it starts and what
/// the runtime needs to enter it.
package struct FunctionCode {
    /// Keeps the code (and `entry`) alive: the backend's object that owns it.
    package let owner: AnyObject
    /// The first instruction (interpreter) or the machine-code entry (JIT).
    package let entry: UnsafeRawPointer
    package let parameterCount: Int
    /// Parameters plus declared locals.
    package let localCount: Int
    package let resultCount: Int
    /// Slots the backend's frame occupies: at most the stack cost less the fixed overhead (the
    /// front-end counts the copies of `if` parameters both backends make).
    package let frameSize: Int
    /// What one activation counts against the call-stack limit: decided by the front-end from
    /// WebAssembly-level quantities, identical in every backend.
    package let stackCost: Int

    package init(owner: AnyObject, entry: UnsafeRawPointer, parameterCount: Int, localCount: Int, resultCount: Int, frameSize: Int, stackCost: Int) {
        self.owner = owner
        self.entry = entry
        self.parameterCount = parameterCount
        self.localCount = localCount
        self.resultCount = resultCount
        self.frameSize = frameSize
        self.stackCost = stackCost
    }
}

/// A function in a store: compiled WebAssembly code bound to its instance, or a host function.
package final class FunctionInstance {
    package let type: FunctionType
    /// The store-wide identity of `type`, compared by `call_indirect`.
    package let typeID: Int
    /// Position in the store's function list; a funcref to this function is `address + 1`.
    package let address: Int
    package let code: FunctionCode?
    package let host: HostFunction?
    /// The instance whose memories, tables and globals the code uses. The store owns both the
    /// instance and this function and releases them together, so the reference cannot dangle.
    package unowned(unsafe) var instance: InstanceRuntime?

    package init(type: FunctionType, typeID: Int, address: Int, code: FunctionCode, instance: InstanceRuntime) {
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
