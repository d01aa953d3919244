import Keel
import WAT

/// The `assert_*` directives.
extension WASTSession {
    func assertReturn(_ execute: WASTExecute, _ expected: [WASTExpectValue]) -> DirectiveFailure? {
        let actual: [Value]
        switch execute {
        case .invoke(let invoke):
            switch self.invoke(invoke) {
            case .returned(let values): actual = values
            case .trapped(let trap):
                return DirectiveFailure(
                    "expected \(ResultMatching.describe(expected)) from \"\(invoke.name)\", got trap: \(trap.message)")
            case .failed(let failure): return failure
            }
        case .get(let moduleID, let name):
            switch instance(named: moduleID) {
            case .failure(let failure): return failure
            case .success(let instance):
                guard let global = instance.global(name) else {
                    return DirectiveFailure("no exported global \"\(name)\"")
                }
                actual = [global.value]
            }
        case .wat(let wat):
            switch ModuleLoading.compile(.text(wat), engine: engine) {
            case .failure(let error): return DirectiveFailure("module failed to load: \(error)")
            case .success(let module):
                if case .failure(let error) = instantiate(module) {
                    return DirectiveFailure("module failed to instantiate: \(error)")
                }
                actual = []
            }
        }
        guard let mismatch = ResultMatching.mismatch(expected: expected, actual: actual) else { return nil }
        return DirectiveFailure(mismatch)
    }

    func assertTrap(_ execute: WASTExecute, _ message: String) -> DirectiveFailure? {
        switch execute {
        case .invoke(let invoke):
            switch self.invoke(invoke) {
            case .returned(let values):
                return DirectiveFailure(
                    "expected trap \"\(message)\" from \"\(invoke.name)\", got results \(ValueFormatting.describe(values))")
            case .trapped(let trap): return TrapMatching.mismatch(trap, expected: message)
            case .failed(let failure): return failure
            }
        case .wat(let wat):
            // A module whose instantiation traps (`assert_uninstantiable` in older scripts). What it
            // wrote to imported tables and memories before trapping stays written; the current
            // module does not change.
            switch ModuleLoading.compile(.text(wat), engine: engine) {
            case .failure(let error): return DirectiveFailure("expected trap \"\(message)\", module failed to load: \(error)")
            case .success(let module):
                switch instantiate(module) {
                case .success: return DirectiveFailure("expected trap \"\(message)\", module instantiated")
                case .failure(.trap(let trap)): return TrapMatching.mismatch(trap, expected: message)
                case .failure(let error): return DirectiveFailure("expected trap \"\(message)\", got \(error)")
                }
            }
        case .get(_, let name):
            return DirectiveFailure("expected trap \"\(message)\" from reading global \"\(name)\", which cannot trap")
        }
    }

    func assertExhaustion(_ call: WASTInvoke, _ message: String) -> DirectiveFailure? {
        switch invoke(call) {
        case .returned(let values):
            return DirectiveFailure(
                "expected exhaustion \"\(message)\" from \"\(call.name)\", got results \(ValueFormatting.describe(values))")
        case .trapped(let trap):
            guard trap.kind == .callStackExhausted else {
                return DirectiveFailure("expected exhaustion \"\(message)\", got trap: \(trap.message)")
            }
            return nil
        case .failed(let failure): return failure
        }
    }

    /// `assert_invalid` and `assert_malformed`: compiling must fail. A text module the WAT tool
    /// cannot parse or encode counts as rejected.
    func assertRejected(_ source: ModuleSource, kind: String, _ message: String) -> DirectiveFailure? {
        switch ModuleLoading.compile(source, engine: engine) {
        case .failure: return nil
        case .success: return DirectiveFailure("expected \(kind) module (\"\(message)\"), but it compiled")
        }
    }

    /// `assert_unlinkable`: the module compiles, and instantiating it fails with a link error.
    func assertUnlinkable(_ wat: Wat, _ message: String) -> DirectiveFailure? {
        switch ModuleLoading.compile(.text(wat), engine: engine) {
        case .failure(let error):
            return DirectiveFailure("expected link error \"\(message)\", module failed to load: \(error)")
        case .success(let module):
            switch instantiate(module) {
            case .success: return DirectiveFailure("expected link error \"\(message)\", module instantiated")
            case .failure(.link): return nil
            case .failure(let error): return DirectiveFailure("expected link error \"\(message)\", got \(error)")
            }
        }
    }
}
