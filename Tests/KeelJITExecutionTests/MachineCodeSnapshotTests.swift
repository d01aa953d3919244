import KeelFrontEnd
import KeelJIT
import Testing
import WAT

/// The JIT's machine code for a fixed set of modules is exactly what it was: a digest of every
/// function's bytes under both profiles (standard; contract with fuel metering and NaN
/// canonicalization) and two CPU feature sets (all optional instructions; none, so the
/// fallback sequences are emitted). Refactors of the encoder, the macro-assembler or the code
/// generator must keep it.
///
/// An intended change of the generated code changes the digest: check the new code (tests,
/// `keel inspect --engine jit --disassemble`), then replace `expected` with the digest the
/// failure reports.
@Suite struct MachineCodeSnapshotTests {
    static let expected: UInt64 = 0x7DAF_4523_76FA_F5F0

    static let all = CPUFeatures(sse41: true, popcnt: true, lzcnt: true, bmi1: true)
    static let none = CPUFeatures(sse41: false, popcnt: false, lzcnt: false, bmi1: false)

    /// Integers: constants of every size class, arithmetic with register, immediate and memory
    /// operands, division by unknown and known divisors, shifts by constants and variables,
    /// bit counts, extensions, comparisons feeding branches and selects, many locals.
    static let integers = """
        (module
          (func (export "arith") (param i32 i64) (result i64) (local i32 i64 i32 i64 i32 i64)
            (local.set 2 (i32.add (local.get 0) (i32.const 7)))
            (local.set 3 (i64.mul (local.get 1) (i64.const 0x1_0000_0001)))
            (local.set 4 (i32.sub (local.get 2) (i32.mul (local.get 0) (local.get 2))))
            (local.set 5 (i64.xor (local.get 3) (i64.const -0x8000_0001)))
            (local.set 6 (i32.and (local.get 4) (i32.const 0xFFFF_FFFF)))
            (local.set 7 (i64.or (local.get 5) (i64.const 0xFFFF_FFFF)))
            (i64.add (local.get 7) (i64.extend_i32_s (local.get 6))))
          (func (export "div") (param i32 i32 i64 i64) (result i64)
            (i64.add
              (i64.extend_i32_u
                (i32.add (i32.div_s (local.get 0) (local.get 1))
                  (i32.add (i32.rem_s (local.get 0) (local.get 1))
                    (i32.add (i32.div_u (local.get 0) (i32.const 7)) (i32.rem_s (local.get 0) (i32.const -1))))))
              (i64.add (i64.div_s (local.get 2) (local.get 3))
                (i64.add (i64.rem_u (local.get 2) (local.get 3)) (i64.div_s (local.get 2) (i64.const -1))))))
          (func (export "bits") (param i32 i64) (result i64)
            (i64.add
              (i64.extend_i32_u
                (i32.add (i32.shl (local.get 0) (local.get 0))
                  (i32.add (i32.rotr (local.get 0) (i32.const 3))
                    (i32.add (i32.clz (local.get 0)) (i32.add (i32.ctz (local.get 0)) (i32.popcnt (local.get 0)))))))
              (i64.add (i64.shr_s (local.get 1) (i64.extend_i32_u (local.get 0)))
                (i64.add (i64.rotl (local.get 1) (i64.const 65))
                  (i64.add (i64.popcnt (local.get 1))
                    (i64.add (i64.extend8_s (local.get 1)) (i64.extend32_s (i64.clz (local.get 1)))))))))
          (func (export "compare") (param i32 i32 i64) (result i32) (local i32)
            (block
              (loop
                (br_if 1 (i32.eqz (local.get 0)))
                (local.set 3 (i32.add (local.get 3) (select (local.get 0) (local.get 1) (i32.lt_u (local.get 0) (local.get 1)))))
                (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                (br_if 0 (i64.ge_s (local.get 2) (i64.const 0)))))
            (if (result i32) (i32.gt_s (local.get 3) (i32.const 100))
              (then (i32.wrap_i64 (local.get 2)))
              (else (i32.extend16_s (local.get 3))))))
        """

    /// Memory (constant, variable and large offsets, every width, two memories, grow and
    /// size), globals of every type, bulk operations and tables.
    static let memory = """
        (module
          (memory 1 2)
          (memory $second 1)
          (global $g (mut i32) (i32.const 1))
          (global $h (mut i64) (i64.const 2))
          (global $f (mut f32) (f32.const 3))
          (global $d (mut f64) (f64.const 4))
          (table 2 funcref)
          (elem declare func $noop)
          (data $bytes "abc")
          (func $noop)
          (func (export "access") (param i32 i64 f32 f64) (result i64)
            (i32.store8 (local.get 0) (i32.const 1))
            (i32.store16 offset=2 (local.get 0) (local.get 0))
            (i64.store32 offset=0x8000_0000 (local.get 0) (local.get 1))
            (i64.store (i32.const 16) (i64.const 0x7FFF_FFFF_FFFF))
            (f32.store (i32.const 24) (local.get 2))
            (f64.store offset=8 (local.get 0) (local.get 3))
            (i32.store $second (local.get 0) (i32.load8_s (i32.const 3)))
            (i64.add
              (i64.add (i64.load16_u (local.get 0)) (i64.load32_s offset=0xFFFF_FFF0 (local.get 0)))
              (i64.add (i64.extend_i32_u (i32.load $second (i32.const 4))) (i64.load (i32.const 0xFFFF_FFF8)))))
          (func (export "grow") (param i32) (result i32)
            (drop (memory.grow $second (i32.const 1)))
            (i32.add (memory.grow (local.get 0)) (i32.add (memory.size) (memory.size $second))))
          (func (export "globals") (result f64)
            (global.set $g (i32.add (global.get $g) (i32.const 1)))
            (global.set $h (i64.add (global.get $h) (i64.const 1)))
            (global.set $f (f32.add (global.get $f) (f32.const 1)))
            (global.set $d (f64.add (global.get $d) (f64.promote_f32 (global.get $f))))
            (global.get $d))
          (func (export "bulk") (param i32)
            (memory.fill (local.get 0) (i32.const 0) (i32.const 8))
            (memory.copy (i32.const 8) (local.get 0) (i32.const 8))
            (memory.init $bytes (i32.const 0) (i32.const 0) (i32.const 3))
            (data.drop $bytes)
            (table.set (i32.const 0) (ref.func $noop))
            (drop (table.grow (ref.null func) (i32.const 1)))
            (drop (ref.is_null (table.get (i32.const 1))))
            (drop (table.size))))
        """

    /// Floats (arithmetic, comparisons, roundings, sign operations, conversions, the numeric
    /// helper), calls (direct, imported, indirect), br_table, multi-value blocks and returns.
    static let floatsAndCalls = """
        (module
          (import "env" "host" (func $host (param i64) (result i64)))
          (type $unary (func (param f64) (result f64)))
          (table 1 funcref)
          (elem (i32.const 0) $square)
          (func $square (type $unary) (f64.mul (local.get 0) (local.get 0)))
          (func (export "floats") (param f32 f64) (result f64) (local f64 f32)
            (local.set 2 (f64.add (local.get 1) (f64.sqrt (local.get 1))))
            (local.set 3 (f32.copysign (f32.abs (local.get 0)) (f32.neg (local.get 0))))
            (local.set 2 (f64.div (local.get 2) (f64.nearest (local.get 2))))
            (local.set 2 (f64.min (local.get 2) (f64.floor (local.get 1))))
            (local.set 3 (f32.demote_f64 (f64.copysign (local.get 2) (f64.const -0))))
            (f64.add
              (f64.convert_i32_u (i32.trunc_f32_s (f32.ceil (local.get 3))))
              (f64.add
                (f64.convert_i64_s (i64.reinterpret_f64 (local.get 2)))
                (f64.add (f64.reinterpret_i64 (i64.const 0x7FF8_0000_0000_0001))
                  (select (local.get 1) (f64.const 0.5) (f64.lt (local.get 1) (f64.trunc (local.get 2))))))))
          (func (export "calls") (param i32 i64) (result i64 f64)
            (block (result i64)
              (block
                (block
                  (br_table 0 1 0 (local.get 0)))
                (br 1 (call $host (local.get 1))))
              (i64.const 5))
            (call_indirect (type $unary) (f64.const 3) (i32.const 0)))
          (func (export "params") (param i32) (result i32)
            (i32.const 2)
            (local.get 0)
            (if (param i32) (result i32) (then (i32.const 3) (i32.mul)) (else (i32.const 4) (i32.add)))
            (block (param i32) (result i32 i32) (i32.const 1))
            (i32.add)
            (return)))
        """

    static func digest(_ modules: [String]) throws -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a, 64 bits
        func mix(_ bytes: [UInt8]) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }
        let standard = FrontEndOptions(multiMemory: true)
        var contract = standard
        contract.metering = .v1
        contract.canonicalizeNaN = true
        for wat in modules {
            let bytes = try wat2wasm(wat, features: [.referenceTypes, .multiMemory])
            for options in [standard, contract] {
                let info = try ModuleCompiler.decodeAndValidate(bytes, options: options)
                for features in [all, none] {
                    let code = try JITModuleCode.compile(
                        module: info, declaredReferences: DeclaredReferences(module: info), options: options, features: features)
                    for k in code.functionRanges.indices { mix(code.bytes(ofDefined: k)) }
                }
            }
        }
        return hash
    }

    @Test func machineCodeIsUnchanged() throws {
        let digest = try Self.digest([Self.integers, Self.memory, Self.floatsAndCalls])
        #expect(digest == Self.expected, "machine code digest 0x\(String(digest, radix: 16, uppercase: true))")
    }

    /// The digest sees the profile: metering and canonicalization change the code.
    @Test func profilesCompileDifferently() throws {
        let bytes = try wat2wasm(Self.integers, features: [.referenceTypes, .multiMemory])
        let standard = FrontEndOptions(multiMemory: true)
        var contract = standard
        contract.metering = .v1
        let codes = try [standard, contract].map { options in
            let info = try ModuleCompiler.decodeAndValidate(bytes, options: options)
            let code = try JITModuleCode.compile(
                module: info, declaredReferences: DeclaredReferences(module: info), options: options, features: Self.all)
            return code.functionRanges.indices.map { code.bytes(ofDefined: $0) }
        }
        #expect(codes[0] != codes[1])
    }
}
