import Keel
import KeelHost
import Testing

@Suite struct InputOutputTests {
    /// Echoes its input: input_size, input_read, return_data.
    static let echo = contract("""
      (func (export "run")
        (call $input_read (i32.const 16))
        (call $return_data (i32.const 16) (call $input_size)))
      (func (export "read_at") (call $input_read (i32.const 65530)))
      (func (export "return_oob") (call $return_data (i32.const 65000) (i32.const 1000)))
      (func (export "return_huge") (call $return_data (i32.const 0) (i32.const 65537)))
      (func (export "read_last") (call $input_read (i32.const 16)))
    """)

    @Test(arguments: Backend.available) func echoesInput(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.echo, at: address(1))
        let outcome = try harness.call(address(1), input: bytes("hello, keel"))
        #expect(outcome.status == .success)
        #expect(outcome.returnData == bytes("hello, keel"))
        #expect(try harness.call(address(1), input: []).returnData == [])
    }

    @Test(arguments: Backend.available) func inputReadPastMemoryTraps(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.echo, at: address(1))
        #expect(try harness.call(address(1), "read_at", input: [1, 2, 3, 4, 5]).status == .success)
        let outcome = try harness.call(address(1), "read_at", input: [1, 2, 3, 4, 5, 6, 7])
        #expect(outcome.status == .trapped("out of bounds memory access"))
        #expect(outcome.trap == .outOfBoundsMemoryAccess)
    }

    @Test(arguments: Backend.available) func returnDataBoundsAndSize(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.echo, at: address(1))
        #expect(try harness.call(address(1), "return_oob").status == .trapped("out of bounds memory access"))
        #expect(try harness.call(address(1), "return_huge").status == .trapped("return data too large: 65537 bytes, limit 65536"))
    }

    @Test(arguments: Backend.available) func inputReadChargesPerByte(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.echo, at: address(1))
        let small = try harness.fuelNeeded(address(1), "read_last", input: [UInt8](repeating: 1, count: 10))
        let large = try harness.fuelNeeded(address(1), "read_last", input: [UInt8](repeating: 1, count: 110))
        #expect(large - small == 100 * HostFuelSchedule.v1.inputRead.perByte)
        try expectOutOfFuelAtBoundary(harness, address(1), "read_last", input: [UInt8](repeating: 1, count: 50))
    }

    @Test(arguments: Backend.available) func missingMethodsAndContracts(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.echo, at: address(1))
        #expect(try harness.call(address(1), "nope").status == .trapped("no method nope in contract \(address(1))"))
        #expect(try harness.call(address(2)).status == .trapped("no contract at \(address(2))"))
        #expect(try harness.call(address(2)).trap == .host)
        #expect(try harness.call(address(1), "read_at", input: [1]).trap == nil)
        // `init` runs only at deploy.
        try harness.register(contract(#"(func (export "init"))"#), at: address(3))
        #expect(try harness.call(address(3), "init").status == .trapped("no method init in contract \(address(3))"))
    }

    @Test(arguments: Backend.available) func contractWithoutMemoryTrapsOnPointers(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register("""
          (module (import "keel_v1" "return_data" (func $r (param i32 i32)))
            (func (export "run") (call $r (i32.const 0) (i32.const 0))))
        """, at: address(1))
        #expect(try harness.call(address(1)).status == .trapped("out of bounds memory access"))
    }

    @Test(arguments: Backend.available) func importsMustMatchTheABI(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register("""
          (module (import "keel_v1" "return_data" (func (param i64)))
            (func (export "run")))
        """, at: address(1))
        let status = try harness.call(address(1)).status
        guard case .trapped(let message) = status else { Issue.record("expected a link failure"); return }
        #expect(message.contains("incompatible import type for \"keel_v1\".\"return_data\""))
        try harness.register(#"(module (import "env" "x" (func)) (func (export "run")))"#, at: address(2))
        guard case .trapped(let unknown) = try harness.call(address(2)).status else { Issue.record("expected a link failure"); return }
        #expect(unknown.contains("unknown import \"env\".\"x\""))
    }
}
