import KeelState

/// One active contract call: what its host functions read and write.
final class CallFrame {
    /// The contract running.
    let contract: ContractAddress
    /// Who called it: the sender of the outermost call, the calling contract otherwise.
    let caller: ContractAddress
    /// The call's input.
    let input: [UInt8]
    /// The contract's own keys.
    let storage: ContractStorage
    /// Set by `return_data`.
    var returnData: [UInt8] = []
    /// Open storage iterators by handle; a closed handle's slot is nil and reused.
    var iterators: [(any KeyValueCursor)?] = []
    /// The last `call`'s return data or failure message.
    var lastCallResult: [UInt8] = []
    /// Set by `abort`: the call then ends as aborted with this message.
    var abortMessage: String?
    /// Events this call emitted so far.
    var eventCount = 0

    init(contract: ContractAddress, caller: ContractAddress, input: [UInt8], overlay: StateOverlay) {
        self.contract = contract
        self.caller = caller
        self.input = input
        self.storage = ContractStorage(address: contract, overlay: overlay)
    }
}
