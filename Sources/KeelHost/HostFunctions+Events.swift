import Keel

extension Execution {
    static func defineEvents(_ linker: HostLinker) {
        // (topic, topic_len, data, data_len)
        define(linker, "emit_event", [.i32, .i32, .i32, .i32], []) { call in
            let (topicPointer, topicLength, dataPointer, dataLength) = (call.u32(0), call.u32(1), call.u32(2), call.u32(3))
            guard topicLength <= call.limits.eventTopicSize, dataLength <= call.limits.eventDataSize else {
                throw Trap.host("event too large: topic \(topicLength) bytes (limit \(call.limits.eventTopicSize)), "
                    + "data \(dataLength) bytes (limit \(call.limits.eventDataSize))")
            }
            let frame = call.frame
            guard frame.eventCount < call.limits.eventsPerCall else {
                throw Trap.host("too many events (limit \(call.limits.eventsPerCall) per call)")
            }
            try call.checkRange(topicPointer, topicLength)
            try call.checkRange(dataPointer, dataLength)
            try call.charge(call.prices.emitEvent, bytes: topicLength + dataLength)
            let event = ContractEvent(
                contract: frame.contract, topic: try call.read(topicPointer, topicLength), data: try call.read(dataPointer, dataLength))
            frame.eventCount += 1
            call.execution.events.append(event)
            return .none
        }
        // (ptr, len)
        define(linker, "log", [.i32, .i32], []) { call in
            let (pointer, length) = (call.u32(0), call.u32(1))
            try call.checkSize(length, limit: call.limits.messageSize, "log message")
            try call.checkRange(pointer, length)
            try call.charge(call.prices.log, bytes: length)
            let message = String(decoding: try call.read(pointer, length), as: UTF8.self)
            call.execution.logs.append(ContractLog(contract: call.frame.contract, message: message))
            return .none
        }
        // (ptr, len): never returns
        define(linker, "abort", [.i32, .i32], []) { call in
            let pointer = call.u32(0)
            let length = min(call.u32(1), call.limits.messageSize)
            try call.checkRange(pointer, call.u32(1))
            try call.charge(call.prices.abort, bytes: length)
            let message = String(decoding: try call.read(pointer, length), as: UTF8.self)
            call.frame.abortMessage = message
            throw Trap.host("aborted: \(message)")
        }
    }
}
