import Keel
import KeelState

/// One execution (a transaction's call or a deploy): its store, overlay, call frames and
/// the events and logs it produced. Host functions are defined per execution and reach it
/// through their `HostCall`.
final class Execution {
    let host: ContractHost
    let store: Store
    let overlay: StateOverlay
    let block: BlockContext
    /// Active calls, outermost first.
    var frames: [CallFrame] = []
    var events: [ContractEvent] = []
    var logs: [ContractLog] = []
    /// A storage failure that must end the whole execution (not a contract trap).
    var fatal: (any Error)?
    /// The host's linker (host functions defined once per host).
    var linker: Linker { host.linker }

    /// How one call ended, with what it returned.
    struct CallResult {
        var status: CallStatus
        /// The trap's kind when `status` is trapped.
        var trap: TrapKind? = nil
        var returnData: [UInt8]
    }

    init(host: ContractHost, overlay: StateOverlay, block: BlockContext, fuel: UInt64) {
        self.host = host
        self.store = Store(engine: host.engine)
        self.overlay = overlay
        self.block = block
        store.setFuel(fuel)
    }

    /// Fuel consumed so far (0 without metering).
    var fuelConsumed: UInt64 { store.fuelConsumed ?? 0 }

    /// Runs `method` of `module` (the contract at `contract`) in a fresh instance. Its state
    /// writes and events are kept when it succeeds and reverted otherwise. Never throws:
    /// failures are statuses, and a storage failure is recorded in `fatal`.
    func call(
        _ module: Module, contract: ContractAddress, method: String, input: [UInt8],
        caller: ContractAddress, isDeploy: Bool = false
    ) -> CallResult {
        let frame = CallFrame(contract: contract, caller: caller, input: input, overlay: overlay)
        frames.append(frame)
        defer { frames.removeLast() }
        let checkpoint = overlay.checkpoint()
        let eventMark = events.count
        var status: CallStatus
        var trapKind: TrapKind?
        var instance: Instance?
        // The instance never runs again once the call is over: free its memory then.
        defer { instance?.releaseDefinedMemories(importedCount: module.importedCounts.memories) }
        do {
            try store.consumeFuel(instantiationCost(of: module))
            instance = try linker.instantiate(module, in: store)
            guard (method == "init") == isDeploy, let function = instance?.function(method), function.type == FunctionType() else {
                throw Trap.host("no method \(method) in contract \(contract)")
            }
            _ = try function.call([])
            status = .success
        } catch let trap as Trap {
            status = frame.abortMessage.map { .aborted($0) } ?? .trapped(trap.message)
            trapKind = frame.abortMessage == nil ? trap.kind : nil
        } catch {
            status = .trapped("\(error)")
            trapKind = .host
        }
        do {
            if status.isSuccess {
                try overlay.commit(checkpoint)
            } else {
                try overlay.revert(to: checkpoint)
                events.removeSubrange(eventMark...)
            }
        } catch {
            fatal = fatal ?? error
        }
        return CallResult(status: status, trap: trapKind, returnData: status.isSuccess ? frame.returnData : [])
    }

    /// What a fresh instance of `module` costs before it runs: its initial memory pages and
    /// table elements at the prices of `memory.grow` and `table.grow`.
    func instantiationCost(of module: Module) -> UInt64 {
        let schedule = host.engine.configuration.costSchedule
        let imported = module.importedCounts
        let pages = module.memories.dropFirst(imported.memories).reduce(UInt64(0)) { $0 &+ $1.limits.min }
        let elements = module.tables.dropFirst(imported.tables).reduce(UInt64(0)) { $0 &+ $1.limits.min }
        let (memoryCost, memoryOverflow) = pages.multipliedReportingOverflow(by: schedule.memoryGrowPerPage)
        let (tableCost, tableOverflow) = elements.multipliedReportingOverflow(by: schedule.tablePerElement)
        let (total, totalOverflow) = memoryCost.addingReportingOverflow(tableCost)
        return memoryOverflow || tableOverflow || totalOverflow ? .max : total
    }
}
