import Keel
import WAT

/// The state of one script run: its engine, store, linker and the modules it has defined.
final class WASTSession {
    let engine: Engine
    let store: Store
    let linker: Linker
    /// The module that unnamed `invoke`, `get` and `register` use; nil after one failed to load.
    private(set) var current: Instance?
    /// Instances by `$id`. An id whose module failed to load is removed, so that later uses fail.
    private var named: [String: Instance] = [:]
    /// Modules from `(module definition ...)`, by `$id`, and the most recent one.
    private var definitions: [String: Module] = [:]
    private var lastDefinition: Module?

    /// Creates a session with a fresh store and the `spectest` module defined.
    init(engine: Engine, log: (@Sendable (String) -> Void)?) throws(Trap) {
        self.engine = engine
        self.store = Store(engine: engine)
        // Under a metering profile, scripts run with an effectively unlimited budget: they
        // check results, not fuel.
        if engine.configuration.fuelMetering { store.setFuel(UInt64.max) }
        self.linker = Linker(engine: engine)
        try SpectestHost.define(in: linker, store: store, log: log)
    }

    /// Runs `directive`; nil when it behaved as the script asserts.
    func run(_ directive: WASTDirective) -> DirectiveFailure? {
        switch directive {
        case .module(let module):
            return define(module)
        case .moduleInstance(let instanceID, let moduleID):
            return instantiateDefinition(instanceID: instanceID, moduleID: moduleID)
        case .register(let name, let moduleID):
            switch instance(named: moduleID) {
            case .failure(let failure): return failure
            case .success(let instance):
                linker.define(module: name, instance: instance)
                return nil
            }
        case .invoke(let invoke):
            switch self.invoke(invoke) {
            case .returned: return nil
            case .trapped(let trap): return DirectiveFailure("invoke \"\(invoke.name)\" trapped: \(trap.message)")
            case .failed(let failure): return failure
            }
        case .assertReturn(let execute, let results):
            return assertReturn(execute, results)
        case .assertTrap(let execute, let message):
            return assertTrap(execute, message)
        case .assertExhaustion(let call, let message):
            return assertExhaustion(call, message)
        case .assertInvalid(let module, let message):
            return assertRejected(module.source, kind: "invalid", message)
        case .assertMalformed(let module, let message):
            return assertRejected(module.source, kind: "malformed", message)
        case .assertUnlinkable(let wat, let message):
            return assertUnlinkable(wat, message)
        case .assertException:
            return DirectiveFailure("assert_exception is not supported (exception handling)")
        case .assertFuel, .assertOutOfFuel:
            return DirectiveFailure("fuel assertions are not supported")
        }
    }

    /// Forgets a module whose directive could not even be parsed, so directives using it fail.
    func forgetModule(id: String?, isDefinition: Bool) {
        if isDefinition {
            if let id { definitions[id] = nil }
            lastDefinition = nil
        } else {
            current = nil
            if let id { named[id] = nil }
        }
    }

    // MARK: Modules

    private func define(_ directive: ModuleDirective) -> DirectiveFailure? {
        forgetModule(id: directive.id, isDefinition: directive.isDefinition)
        let module: Module
        switch ModuleLoading.compile(directive.source, engine: engine) {
        case .failure(.compile(let error)) where error.kind == .unsupported && error.message.contains("SIMD"):
            return .outOfScope("module needs the SIMD proposal, which Keel does not implement: \(error)")
        case .failure(let error): return DirectiveFailure("module failed to load: \(error)")
        case .success(let compiled): module = compiled
        }
        if directive.isDefinition {
            lastDefinition = module
            if let id = directive.id { definitions[id] = module }
            return nil
        }
        return instantiateAsCurrent(module, id: directive.id)
    }

    private func instantiateDefinition(instanceID: String?, moduleID: String?) -> DirectiveFailure? {
        current = nil
        if let instanceID { named[instanceID] = nil }
        let definition = moduleID.map { definitions[$0] } ?? lastDefinition
        guard let definition else {
            return DirectiveFailure("module definition \(moduleID ?? "(most recent)") is not defined")
        }
        return instantiateAsCurrent(definition, id: instanceID)
    }

    private func instantiateAsCurrent(_ module: Module, id: String?) -> DirectiveFailure? {
        switch instantiate(module) {
        case .failure(let failure):
            return DirectiveFailure("module failed to instantiate: \(failure.description)")
        case .success(let instance):
            current = instance
            if let id { named[id] = instance }
            return nil
        }
    }

    /// The outcome of instantiating a module.
    enum InstantiationError: Error, CustomStringConvertible {
        case link(LinkError), trap(Trap), other(any Error)

        var description: String {
            switch self {
            case .link(let error): return "link error: \(error.message)"
            case .trap(let trap): return "trap: \(trap.message)"
            case .other(let error): return "\(error)"
            }
        }
    }

    func instantiate(_ module: Module) -> Result<Instance, InstantiationError> {
        do {
            return .success(try linker.instantiate(module, in: store))
        } catch let error as LinkError {
            return .failure(.link(error))
        } catch let trap as Trap {
            return .failure(.trap(trap))
        } catch {
            return .failure(.other(error))
        }
    }

    /// The instance a directive names, or the current one when it names none.
    func instance(named id: String?) -> Result<Instance, DirectiveFailure> {
        if let id {
            guard let instance = named[id] else {
                return .failure(DirectiveFailure("no module \(id) (it was never defined or failed to load)"))
            }
            return .success(instance)
        }
        guard let current else {
            return .failure(DirectiveFailure("no current module (none was defined or the last one failed to load)"))
        }
        return .success(current)
    }

    // MARK: Invocation

    /// What calling an exported function did.
    enum InvokeOutcome {
        case returned([Value])
        case trapped(Trap)
        /// The call could not be made: no such module or export, or unusable arguments.
        case failed(DirectiveFailure)
    }

    func invoke(_ invoke: WASTInvoke) -> InvokeOutcome {
        let instance: Instance
        switch self.instance(named: invoke.module) {
        case .failure(let failure): return .failed(failure)
        case .success(let found): instance = found
        }
        guard let function = instance.function(invoke.name) else {
            return .failed(DirectiveFailure("no exported function \"\(invoke.name)\""))
        }
        let arguments: [Value]
        switch ArgumentConversion.values(for: invoke.args) {
        case .failure(let failure): return .failed(failure)
        case .success(let values): arguments = values
        }
        let parameters = function.type.parameters
        guard arguments.map(\.type) == parameters else {
            return .failed(
                DirectiveFailure(
                    "arguments \(ValueFormatting.describe(arguments)) do not fit \"\(invoke.name)\" of type \(function.type)"))
        }
        do throws(Trap) {
            return .returned(try function.call(arguments))
        } catch {
            return .trapped(error)
        }
    }
}
