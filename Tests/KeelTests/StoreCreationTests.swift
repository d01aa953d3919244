import Foundation
import Keel
import Testing

/// Creating a store must not cost in proportion to the call-stack limit: a node creates one
/// per transaction (issue 11 measured 88% of a token transfer in zeroing a 16 MiB value stack).
@Suite struct StoreCreationTests {
    /// Resident bytes of this process (`/proc/self/statm`, second field, in pages).
    func residentBytes() throws -> Int {
        let text = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let fields = text.split(separator: " ")
        return Int(fields[1])! * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Stores with a 64 Mi-slot limit (a 1 GiB value stack) leave it untouched until calls use
    /// it, and calls still see zeroed slots and run to the right result.
    @Test(arguments: Backend.available)
    func valueStackIsNotTouchedUpFront(backend: Backend) throws {
        var configuration = EngineConfiguration.contract
        configuration.backend = backend
        configuration.stackLimit = 64 << 20
        let engine = try Engine(configuration: configuration)
        let before = try residentBytes()
        var stores: [Store] = []
        for _ in 0..<4 { stores.append(Store(engine: engine)) }
        let growth = try residentBytes() - before
        #expect(growth < 64 << 20, "creating 4 stores made \(growth) bytes resident")
        // The stores still work: a call with locals that must start at zero.
        let module = try Module(engine: engine, wat: """
            (module (func (export "f") (param i32) (result i64) (local i64 i64)
              local.get 1 local.get 2 i64.add (i64.extend_i32_u (local.get 0)) i64.add))
            """)
        for store in stores {
            store.setFuel(1_000)
            let instance = try Linker(engine: engine).instantiate(module, in: store)
            #expect(try instance.function("f")!.call([.i32(7)]) == [.i64(7)])
        }
        // Running calls touches only the stack they use (the JIT's native stack included).
        let afterCalls = try residentBytes() - before
        #expect(afterCalls < 64 << 20, "4 stores that ran one call each made \(afterCalls) bytes resident")
    }
}
