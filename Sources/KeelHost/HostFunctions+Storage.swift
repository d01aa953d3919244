import Keel
import KeelState

extension Execution {
    static func defineStorage(_ linker: HostLinker) {
        // (key, key_len, dst, cap) -> length or -1
        define(linker, "storage_get", [.i32, .i32, .i32, .i32], [.i32]) { call in
            let (destination, capacity) = (call.u32(2), call.u32(3))
            let key = try call.readKey(0)
            try call.checkRange(destination, capacity)
            try call.charge(call.prices.storageGet, bytes: key.count)
            let storage = call.frame.storage
            guard let value = try call.state({ () throws(StateError) in try storage.get(key) }) else { return .i32(-1) }
            let copied = min(value.count, capacity)
            try call.chargeBytes(call.prices.storageGet, copied)
            try call.write(Array(value[..<copied]), at: destination)
            return .i32(value.count)
        }
        // (key, key_len) -> 0 | 1
        define(linker, "storage_has", [.i32, .i32], [.i32]) { call in
            let key = try call.readKey(0)
            try call.charge(call.prices.storageHas, bytes: key.count)
            let storage = call.frame.storage
            return .i32(try call.state({ () throws(StateError) in try storage.get(key) }) == nil ? 0 : 1)
        }
        // (key, key_len, value, value_len)
        define(linker, "storage_set", [.i32, .i32, .i32, .i32], []) { call in
            let (valuePointer, valueLength) = (call.u32(2), call.u32(3))
            try call.checkSize(valueLength, limit: call.limits.valueSize, "value")
            let key = try call.readKey(0)
            try call.checkRange(valuePointer, valueLength)
            try call.charge(call.prices.storageSet, bytes: key.count + valueLength)
            call.frame.storage.set(key, try call.read(valuePointer, valueLength))
            return .none
        }
        // (key, key_len) -> 1 if it was present, else 0
        define(linker, "storage_remove", [.i32, .i32], [.i32]) { call in
            let key = try call.readKey(0)
            try call.charge(call.prices.storageRemove, bytes: key.count)
            let storage = call.frame.storage
            guard try call.state({ () throws(StateError) in try storage.get(key) }) != nil else { return .i32(0) }
            storage.delete(key)
            return .i32(1)
        }
        // (start, start_len, end, end_len (-1: unbounded), reverse) -> handle
        define(linker, "storage_range", [.i32, .i32, .i32, .i32, .i32], [.i32]) { call in
            let start = try call.readKey(0)
            let end: [UInt8]? = call.i32(3) == -1 ? nil : try call.readKey(2)
            guard call.i32(4) == 0 || call.i32(4) == 1 else {
                throw Trap.host("invalid iteration direction \(call.i32(4)), expected 0 or 1")
            }
            let frame = call.frame
            let handle = frame.iterators.firstIndex(where: { $0 == nil }) ?? frame.iterators.count
            guard handle < call.limits.openIterators else {
                throw Trap.host("too many open iterators (limit \(call.limits.openIterators))")
            }
            try call.charge(call.prices.storageRange, bytes: start.count + (end?.count ?? 0))
            let range = KeyRange(start: start, end: end)
            let direction: IterationDirection = call.i32(4) == 0 ? .forward : .backward
            let cursor = try call.state({ () throws(StateError) in try frame.storage.cursor(over: range, direction: direction) })
            if handle == frame.iterators.count { frame.iterators.append(cursor) } else { frame.iterators[handle] = cursor }
            return .i32(handle)
        }
        // (iter, key_dst, key_cap, value_dst, value_cap) -> -1 | key_len << 32 | value_len
        define(linker, "storage_next", [.i32, .i32, .i32, .i32, .i32], [.i64]) { call in
            let handle = try call.iterator(0)
            let (keyPointer, keyCapacity, valuePointer, valueCapacity) = (call.u32(1), call.u32(2), call.u32(3), call.u32(4))
            try call.checkRange(keyPointer, keyCapacity)
            try call.checkRange(valuePointer, valueCapacity)
            try call.charge(call.prices.storageNext)
            let frame = call.frame
            guard let entry = try call.state({ () throws(StateError) in try frame.iterators[handle]!.next() }) else {
                return .i64(UInt64.max)
            }
            let keyCopied = min(entry.key.count, keyCapacity)
            let valueCopied = min(entry.value.count, valueCapacity)
            try call.chargeBytes(call.prices.storageNext, keyCopied + valueCopied)
            try call.write(Array(entry.key[..<keyCopied]), at: keyPointer)
            try call.write(Array(entry.value[..<valueCopied]), at: valuePointer)
            return .i64(UInt64(entry.key.count) << 32 | UInt64(entry.value.count))
        }
        // (iter)
        define(linker, "storage_close", [.i32], []) { call in
            let handle = try call.iterator(0)
            try call.charge(call.prices.storageClose)
            call.frame.iterators[handle] = nil
            return .none
        }
    }
}

extension HostCall {
    /// The key whose pointer and length are arguments `k` and `k + 1`, size and bounds checked.
    func readKey(_ k: Int) throws(Trap) -> [UInt8] {
        let (pointer, length) = (u32(k), u32(k + 1))
        try checkSize(length, limit: limits.keySize, "key")
        try checkRange(pointer, length)
        return try read(pointer, length)
    }

    /// The open iterator handle in argument `k`.
    func iterator(_ k: Int) throws(Trap) -> Int {
        let handle = i32(k)
        let iterators = frame.iterators
        guard handle >= 0, Int(handle) < iterators.count, iterators[Int(handle)] != nil else {
            throw Trap.host("invalid iterator handle \(handle)")
        }
        return Int(handle)
    }
}
