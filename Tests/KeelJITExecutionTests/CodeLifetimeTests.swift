import KeelFrontEnd
import KeelJIT
import Testing
import WAT

/// A module's machine code is released with the last reference to it (fuzz-compile under
/// LeakSanitizer found every `JITModuleCode` leaked: its stored functions owned it).
@Suite struct CodeLifetimeTests {
    @Test func moduleCodeIsReleasedWithItsLastReference() throws {
        let bytes = try wat2wasm("(module (func (export \"f\") (result i32) (i32.const 1)) (func))")
        let options = FrontEndOptions(multiMemory: true)
        let info = try ModuleCompiler.decodeAndValidate(bytes, options: options)
        weak var released: JITModuleCode?
        var functions = 0
        do {
            let code = try JITModuleCode.compile(module: info, declaredReferences: DeclaredReferences(module: info), options: options)
            functions = code.functions.count
            released = code
        }
        #expect(functions == 2)
        #expect(released == nil)
    }
}
