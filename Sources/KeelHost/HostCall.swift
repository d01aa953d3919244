import Keel
import KeelState

/// One invocation of a host function: its arguments (read in place from the call's slots),
/// the calling instance's memory and the execution, with the checks every host function shares.
struct HostCall {
    let caller: Caller
    /// The arguments; the result is written back by `Execution.define` after the body returns.
    let slots: HostSlots
    let execution: Execution
    /// The calling instance's memory 0, looked up once per invocation of a function with
    /// parameters (every such `keel_v1` function but `storage_close` takes a pointer; the
    /// parameterless ones never touch memory, so they create no `Memory`).
    private let memory0: Memory?

    init(caller: Caller, slots: HostSlots, execution: Execution) {
        self.caller = caller
        self.slots = slots
        self.execution = execution
        self.memory0 = slots.parameterCount > 0 ? caller.memory(0) : nil
    }

    /// The innermost active call: host functions only run inside one.
    var frame: CallFrame { execution.frames[execution.frames.count - 1] }
    var limits: ABILimits { execution.host.limits }
    var prices: HostFuelSchedule { execution.host.fuelSchedule }

    /// Argument `k` of type i32 (the linker checked the import's type), as the unsigned pointer
    /// or length it denotes.
    func u32(_ k: Int) -> Int { Int(slots.i32(k)) }

    /// Argument `k` of type i32, signed.
    func i32(_ k: Int) -> Int32 { Int32(bitPattern: slots.i32(k)) }

    /// Argument `k` of type i64, unsigned.
    func u64(_ k: Int) -> UInt64 { slots.i64(k) }

    /// Charges `cost` for `bytes` bytes before the work it pays for.
    func charge(_ cost: HostCost, bytes: Int = 0) throws(Trap) {
        try caller.consumeFuel(cost.total(bytes: bytes))
    }

    /// Charges only the per-byte part of `cost`, for sizes known after a lookup.
    func chargeBytes(_ cost: HostCost, _ count: Int) throws(Trap) {
        try caller.consumeFuel(cost.bytes(count))
    }

    /// Traps with `message` unless `length` is within `limit`.
    func checkSize(_ length: Int, limit: Int, _ what: String) throws(Trap) {
        guard length <= limit else { throw Trap.host("\(what) too large: \(length) bytes, limit \(limit)") }
    }

    /// The calling instance's memory 0; a contract without memory traps as out of bounds.
    func memory() throws(Trap) -> Memory {
        guard let memory = memory0 ?? caller.memory(0) else { throw Trap(.outOfBoundsMemoryAccess) }
        return memory
    }

    /// Traps with `out of bounds memory access` unless `[pointer, pointer + length)` is in memory 0.
    func checkRange(_ pointer: Int, _ length: Int) throws(Trap) {
        let memory = try memory()
        guard pointer + length <= memory.byteCount else { throw Trap(.outOfBoundsMemoryAccess) }
    }

    /// The bytes at `[pointer, pointer + length)` of memory 0.
    func read(_ pointer: Int, _ length: Int) throws(Trap) -> [UInt8] {
        try memory().read(at: pointer, count: length)
    }

    /// Writes `bytes` at `pointer` in memory 0.
    func write(_ bytes: [UInt8], at pointer: Int) throws(Trap) {
        try memory().write(bytes, at: pointer)
    }

    /// The 32-byte address at `pointer`.
    func address(at pointer: Int) throws(Trap) -> ContractAddress {
        let bytes = try read(pointer, ContractAddress.byteCount)
        // Sound: exactly `byteCount` bytes were read.
        return try! ContractAddress(bytes)
    }

    /// Runs a state operation; a storage failure is not the contract's doing, so it stops
    /// the whole execution (``ContractHost`` rethrows it) instead of becoming a trap.
    func state<T>(_ body: () throws(StateError) -> T) throws(Trap) -> T {
        do {
            return try body()
        } catch {
            execution.fatal = error
            throw Trap.host("state error: \(error)")
        }
    }
}
