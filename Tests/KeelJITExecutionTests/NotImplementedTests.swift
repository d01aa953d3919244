import Keel
import Testing

/// The JIT never falls back silently: an instruction it does not implement yet is a compile
/// error naming it, the function and the byte offset.
@Suite struct NotImplementedTests {
    @Test func unimplementedInstructionIsACompileErrorNamingIt() throws {
        var configuration = EngineConfiguration.standard
        configuration.backend = .jit
        let engine = try Engine(configuration: configuration)
        let wat = """
            (module
              (func (result i32) (i32.const 1))
              (memory 1) (memory $second 1)
              (func (param i32) (result i32) (i32.load $second (local.get 0))))
            """
        do {
            _ = try Module(engine: engine, wat: wat)
            Issue.record("the module compiled")
        } catch {
            #expect(error.kind == .unsupported)
            #expect(error.message == "the jit backend does not implement i32.load on memory 1 yet")
            #expect(error.functionIndex == 1)
            #expect(error.offset != nil)
        }
        // The interpreter runs it.
        _ = try Module(engine: Engine(configuration: .standard), wat: wat)
    }

    @Test func jitIsAvailableOnThisMachine() throws {
        var configuration = EngineConfiguration.standard
        configuration.backend = .jit
        let module = try Module(engine: Engine(configuration: configuration), wat: "(module (func (export \"f\") (result i32) (i32.const 1)))")
        #expect((module.machineCodeBytes ?? 0) > 0)
    }
}
