import Keel
import KeelHost
import KeelState
import Testing

@Suite struct StorageTests {
    /// Key "k" at 0, value "value" at 8, scratch at 100.
    static let store = contract("""
      (data (i32.const 0) "k")
      (data (i32.const 8) "value")
      (func (export "set") (call $storage_set (i32.const 0) (i32.const 1) (i32.const 8) (i32.const 5)))
      (func (export "get")
        (local $n i32)
        (local.set $n (call $storage_get (i32.const 0) (i32.const 1) (i32.const 100) (i32.const 64)))
        (if (i32.lt_s (local.get $n) (i32.const 0)) (then (call $return_data (i32.const 0) (i32.const 0)) (return)))
        (call $return_data (i32.const 100) (local.get $n)))
      (func (export "get_small")
        (i32.store8 (i32.const 100) (call $storage_get (i32.const 0) (i32.const 1) (i32.const 101) (i32.const 2)))
        (call $return_data (i32.const 100) (i32.const 5)))
      (func (export "has")
        (i32.store8 (i32.const 100) (call $storage_has (i32.const 0) (i32.const 1)))
        (call $return_data (i32.const 100) (i32.const 1)))
      (func (export "remove")
        (i32.store8 (i32.const 100) (call $storage_remove (i32.const 0) (i32.const 1)))
        (call $return_data (i32.const 100) (i32.const 1)))
      (func (export "set_input")
        (call $input_read (i32.const 200))
        (call $storage_set (i32.const 200) (i32.const 1) (i32.const 201) (i32.sub (call $input_size) (i32.const 1))))
      (func (export "set_big_key") (call $storage_set (i32.const 0) (i32.const 257) (i32.const 8) (i32.const 5)))
      (func (export "set_big_value") (call $storage_set (i32.const 0) (i32.const 1) (i32.const 8) (i32.const 65537)))
      (func (export "set_oob") (call $storage_set (i32.const 0) (i32.const 1) (i32.const 65534) (i32.const 5)))
      (func (export "get_oob") (drop (call $storage_get (i32.const 65535) (i32.const 2) (i32.const 100) (i32.const 5))))
      (func (export "get_dst_oob") (drop (call $storage_get (i32.const 0) (i32.const 1) (i32.const 65535) (i32.const 64))))
      (func (export "set_last") (call $storage_set (i32.const 0) (i32.const 1) (i32.const 8) (i32.const 5)))
    """)

    @Test(arguments: Backend.available) func setGetHasRemove(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.store, at: address(1))
        #expect(try harness.call(address(1), "get").returnData == [])
        #expect(try harness.call(address(1), "has").returnData == [0])
        #expect(try harness.call(address(1), "set").status == .success)
        #expect(try harness.stored(address(1), bytes("k")) == bytes("value"))
        #expect(try harness.call(address(1), "get").returnData == bytes("value"))
        #expect(try harness.call(address(1), "has").returnData == [1])
        // A short buffer gets a prefix and the full length.
        #expect(try harness.call(address(1), "get_small").returnData == [5] + bytes("va") + [0, 0])
        #expect(try harness.call(address(1), "remove").returnData == [1])
        #expect(try harness.call(address(1), "remove").returnData == [0])
        #expect(try harness.stored(address(1), bytes("k")) == nil)
    }

    @Test(arguments: Backend.available) func writeSetIsSortedAndNamespaced(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.store, at: address(1))
        let outcome = try harness.call(address(1), "set")
        #expect(outcome.writeSet == [StateChange(key: ContractStorage.keyPrefix(for: address(1)) + bytes("k"), value: bytes("value"))])
    }

    @Test(arguments: Backend.available) func contractsCannotSeeEachOthersKeys(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.store, at: address(1))
        try harness.register(Self.store, at: address(2))
        try harness.call(address(1), "set")
        #expect(try harness.call(address(2), "has").returnData == [0])
        #expect(try harness.call(address(2), "get").returnData == [])
        #expect(try harness.call(address(2), "remove").returnData == [0])
        #expect(try harness.call(address(1), "get").returnData == bytes("value"))
    }

    @Test(arguments: Backend.available) func oversizeKeysAndValuesTrap(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.store, at: address(1))
        #expect(try harness.call(address(1), "set_big_key").status == .trapped("key too large: 257 bytes, limit 256"))
        #expect(try harness.call(address(1), "set_big_value").status == .trapped("value too large: 65537 bytes, limit 65536"))
    }

    @Test(arguments: Backend.available) func badPointersTrap(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.store, at: address(1))
        try harness.call(address(1), "set")
        for method in ["set_oob", "get_oob", "get_dst_oob"] {
            #expect(try harness.call(address(1), method).status == .trapped("out of bounds memory access"), "\(method)")
        }
    }

    @Test(arguments: Backend.available) func setChargesPerByteAndRunsOutOfFuelInside(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.store, at: address(1))
        let short = try harness.fuelNeeded(address(1), "set_input", input: bytes("a") + [UInt8](repeating: 7, count: 10))
        let long = try harness.fuelNeeded(address(1), "set_input", input: bytes("a") + [UInt8](repeating: 7, count: 30))
        // 20 more input bytes read (1 each) and 20 more value bytes stored (10 each).
        #expect(long - short == 20 * (HostFuelSchedule.v1.inputRead.perByte + HostFuelSchedule.v1.storageSet.perByte))
        try expectOutOfFuelAtBoundary(harness, address(1), "set_last")
        #expect(try harness.stored(address(1), bytes("k")) == nil)
    }

    /// Sets keys a, b, c, d; iterates ranges given in the input: start_len, start, end_len
    /// (255: unbounded), end, reverse; returns key=value; pairs.
    static let iterate = contract("""
      (data (i32.const 0) "abcd")
      (data (i32.const 8) "1234")
      (func (export "fill")
        (call $storage_set (i32.const 0) (i32.const 1) (i32.const 8) (i32.const 1))
        (call $storage_set (i32.const 1) (i32.const 1) (i32.const 9) (i32.const 1))
        (call $storage_set (i32.const 2) (i32.const 1) (i32.const 10) (i32.const 1))
        (call $storage_set (i32.const 3) (i32.const 1) (i32.const 11) (i32.const 1)))
      (func (export "scan")
        (local $iter i32) (local $n i64) (local $out i32) (local $startLen i32) (local $endLen i32) (local $kl i32) (local $vl i32)
        (call $input_read (i32.const 100))
        (local.set $startLen (i32.load8_u (i32.const 100)))
        (local.set $endLen (i32.load8_u (i32.add (i32.const 101) (local.get $startLen))))
        (if (i32.eq (local.get $endLen) (i32.const 255)) (then (local.set $endLen (i32.const -1))))
        (local.set $iter (call $storage_range
          (i32.const 101) (local.get $startLen)
          (i32.add (i32.const 102) (local.get $startLen)) (local.get $endLen)
          (i32.load8_u (i32.sub (i32.add (i32.const 100) (call $input_size)) (i32.const 1)))))
        ;; a write during the iteration is not seen by it
        (call $storage_set (i32.const 0) (i32.const 2) (i32.const 8) (i32.const 1))
        (local.set $out (i32.const 1000))
        (block $done (loop $next
          (local.set $n (call $storage_next (local.get $iter) (local.get $out) (i32.const 16)
            (i32.add (local.get $out) (i32.const 20)) (i32.const 16)))
          (br_if $done (i64.eq (local.get $n) (i64.const -1)))
          (local.set $kl (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 32))))
          (local.set $vl (i32.wrap_i64 (local.get $n)))
          (memory.copy (i32.add (local.get $out) (local.get $kl)) (i32.add (local.get $out) (i32.const 20)) (local.get $vl))
          (local.set $out (i32.add (local.get $out) (i32.add (local.get $kl) (local.get $vl))))
          (i32.store8 (local.get $out) (i32.const 59))
          (local.set $out (i32.add (local.get $out) (i32.const 1)))
          (br $next)))
        (call $storage_close (local.get $iter))
        (call $return_data (i32.const 1000) (i32.sub (local.get $out) (i32.const 1000))))
      (func (export "too_many")
        (loop $open (drop (call $storage_range (i32.const 0) (i32.const 0) (i32.const 0) (i32.const -1) (i32.const 0))) (br $open)))
      (func (export "reuse")
        (local $k i32)
        (loop $open
          (call $storage_close (call $storage_range (i32.const 0) (i32.const 0) (i32.const 0) (i32.const -1) (i32.const 0)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $open (i32.lt_u (local.get $k) (i32.const 100)))))
      (func (export "bad_handle") (drop (call $storage_next (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))))
      (func (export "closed_handle")
        (local $i i32)
        (local.set $i (call $storage_range (i32.const 0) (i32.const 0) (i32.const 0) (i32.const -1) (i32.const 0)))
        (call $storage_close (local.get $i))
        (call $storage_close (local.get $i)))
      (func (export "bad_direction") (drop (call $storage_range (i32.const 0) (i32.const 0) (i32.const 0) (i32.const -1) (i32.const 2))))
    """)

    func scan(_ harness: Harness, _ contract: ContractAddress, start: String, end: String?, reverse: Bool) throws -> String {
        let input = [UInt8(start.utf8.count)] + bytes(start) + [end.map { UInt8($0.utf8.count) } ?? 255] + bytes(end ?? "")
            + [reverse ? 1 : 0]
        // Not committed: the write made during each scan must not show in the next one.
        let outcome = try harness.call(contract, "scan", input: input, commit: false)
        #expect(outcome.status == .success)
        return String(decoding: outcome.returnData, as: UTF8.self)
    }

    @Test(arguments: Backend.available) func rangeIterationInBothDirections(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.iterate, at: address(1))
        try harness.register(Self.iterate, at: address(2))
        try harness.call(address(1), "fill")
        try harness.call(address(0), "fill")  // no contract: nothing written
        #expect(try scan(harness, address(1), start: "", end: nil, reverse: false) == "a1;b2;c3;d4;")
        #expect(try scan(harness, address(1), start: "", end: nil, reverse: true) == "d4;c3;b2;a1;")
        #expect(try scan(harness, address(1), start: "b", end: "d", reverse: false) == "b2;c3;")
        #expect(try scan(harness, address(1), start: "b", end: "d", reverse: true) == "c3;b2;")
        #expect(try scan(harness, address(1), start: "bb", end: nil, reverse: false) == "c3;d4;")
        #expect(try scan(harness, address(1), start: "d", end: "b", reverse: false) == "")
        // Another contract's iteration never reaches these keys.
        #expect(try scan(harness, address(2), start: "", end: nil, reverse: false) == "")
    }

    @Test(arguments: Backend.available) func iteratorLimitsAndHandles(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.iterate, at: address(1))
        #expect(try harness.call(address(1), "too_many").status == .trapped("too many open iterators (limit 32)"))
        #expect(try harness.call(address(1), "reuse").status == .success)
        #expect(try harness.call(address(1), "bad_handle").status == .trapped("invalid iterator handle 3"))
        #expect(try harness.call(address(1), "closed_handle").status == .trapped("invalid iterator handle 0"))
        #expect(try harness.call(address(1), "bad_direction").status == .trapped("invalid iteration direction 2, expected 0 or 1"))
    }
}
