import Keel
import KeelFrontEnd
import KeelJIT
import Testing

/// The JIT never falls back silently: an instruction it does not implement is a compile error
/// naming it, the function and the byte offset (every WebAssembly 2.0 instruction plus
/// multi-memory is implemented now, so the error path is checked on the generator itself).
@Suite struct NotImplementedTests {
    @Test func unimplementedInstructionIsACompileErrorNamingIt() throws {
        var generator = JITGenerator(canonicalizeNaN: false)
        let info = try ModuleCompiler.decodeAndValidate(
            [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0], options: FrontEndOptions(multiMemory: true))
        generator.beginFunction(index: 3, type: FunctionType(), locals: [], module: info)
        generator.noteOffset(0x42)
        generator.unsupported("f32.frobnicate")
        generator.noteOffset(0x50)
        generator.unsupported("a later one")
        generator.endFunction()
        do {
            _ = try generator.finishFunction(stackCost: 4)
            Issue.record("the function compiled")
        } catch {
            #expect(error.kind == .unsupported)
            #expect(error.message == "the jit backend does not implement f32.frobnicate yet")
            #expect(error.functionIndex == 3)
            #expect(error.offset == 0x42)
        }
    }

    @Test func jitIsAvailableOnThisMachine() throws {
        var configuration = EngineConfiguration.standard
        configuration.backend = .jit
        let module = try Module(engine: Engine(configuration: configuration), wat: "(module (func (export \"f\") (result i32) (i32.const 1)))")
        #expect((module.machineCodeBytes ?? 0) > 0)
    }
}
