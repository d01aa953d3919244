import Keel
import KeelTestSupport
import XCTest

/// Compiles `wat` and instantiates it with `linker` (a fresh empty one by default), on the
/// standard engine of the running test's backend unless `engine` is given.
func instantiate(_ wat: String, engine: Engine? = nil, linker: Linker? = nil, store: Store? = nil) throws -> Instance {
    let engine = try engine ?? makeEngine()
    let module = try Module(engine: engine, wat: wat)
    let store = store ?? Store(engine: engine)
    return try (linker ?? Linker(engine: engine)).instantiate(module, in: store)
}

/// `wat` instantiated on the standard engine and on the contract (metering) one, each store
/// given ample fuel: tests of interpreter forms run on both, since metering rewrites branches.
func standardAndContractInstances(_ wat: String) throws -> [Instance] {
    try [EngineConfiguration.standard, .contract].map { configuration in
        let engine = try makeEngine(configuration)
        let store = Store(engine: engine)
        store.setFuel(10_000_000)
        return try instantiate(wat, engine: engine, store: store)
    }
}

/// Calls export `name` and returns its results.
func call(_ instance: Instance, _ name: String, _ arguments: Value...) throws -> [Value] {
    guard let function = instance.function(name) else { throw Trap.host("no export \(name)") }
    return try function.call(arguments)
}

/// The trap that calling export `name` raises, or nil if it returns.
func trap(_ instance: Instance, _ name: String, _ arguments: Value...) -> Trap? {
    do {
        _ = try instance.function(name)!.call(arguments)
        return nil
    } catch {
        return error
    }
}

/// The compile error `wat` (or bytes) produces on the running test's backend, or nil if it
/// compiles.
func compileError(_ wat: String, configuration: EngineConfiguration = EngineConfiguration()) -> CompileError? {
    do {
        _ = try Module(engine: try makeEngine(configuration), wat: wat)
        return nil
    } catch let error as CompileError {
        return error
    } catch {
        XCTFail("unexpected error \(error)")
        return nil
    }
}

/// A binary module with one function of type `params -> results` (value type bytes), the given
/// local declarations (count, type pairs) and body instructions (without the final `end`).
func singleFunctionModule(params: [UInt8] = [], results: [UInt8] = [], locals: [UInt8] = [], code: [UInt8]) -> [UInt8] {
    let type: [UInt8] = [1, 0x60, UInt8(params.count)] + params + [UInt8(results.count)] + results
    let body: [UInt8] = [UInt8(locals.count / 2)] + locals + code + [0x0B]
    let codeSection: [UInt8] = [1, UInt8(body.count)] + body
    return [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0]
        + [1, UInt8(type.count)] + type
        + [3, 2, 1, 0]
        + [10, UInt8(codeSection.count)] + codeSection
}

func compileError(bytes: [UInt8], configuration: EngineConfiguration = EngineConfiguration()) -> CompileError? {
    guard let engine = try? makeEngine(configuration) else { return nil }
    do {
        _ = try Module(engine: engine, bytes: bytes)
        return nil
    } catch {
        return error
    }
}
