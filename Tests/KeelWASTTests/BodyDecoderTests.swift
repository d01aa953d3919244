import Foundation
import KeelDifferential
import WAT
import WasmParser
import WasmTypes
import XCTest

@testable import KeelFrontEnd
@testable import KeelWAST

/// Keel's own function-body decoder (`BodyDecoder`) against WasmKit's `ExpressionParser`, the
/// decoder it replaced: on every function body of every module in the spec suite, and on those
/// bodies with bytes overwritten at random, both must decode the same instructions and reject
/// at the same instruction. The one intended difference: an overlong `0xFC` sub-opcode
/// (`FC 80 00`), which WebAssembly allows and WasmKit rejects.
final class BodyDecoderTests: XCTestCase {
    /// One body's outcome: the instructions decoded, and whether decoding stopped with an error.
    struct Outcome: Equatable {
        var instructions: [Decoded]
        var failed: Bool
    }

    /// An instruction with its `br_table` targets resolved.
    enum Decoded: Equatable {
        case instruction(Operator)
        case brTable([UInt32], defaultDepth: UInt32)
    }

    enum Comparison: Equatable {
        case same
        /// WasmKit rejected an overlong `0xFC` sub-opcode that Keel accepts (after identical
        /// instructions before it).
        case overlongOpcode
        case different(String)
    }

    // MARK: The corpus

    static func suiteRoot() -> URL {
        if let override = ProcessInfo.processInfo.environment["KEEL_SPEC_SUITE"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/wasm-testsuite")
    }

    /// Every module binary in the suite's scripts (defined, malformed or invalid ones alike),
    /// with whether its script needs multi-memory.
    static func corpus() throws -> [(bytes: [UInt8], multiMemory: Bool)] {
        var modules: [(bytes: [UInt8], multiMemory: Bool)] = []
        for group in ["", "proposals/multi-memory", "proposals/extended-const"] {
            let directory = group.isEmpty ? suiteRoot() : suiteRoot().appendingPathComponent(group)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".wast") }.sorted()
            for name in names {
                let source = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                guard var script = try? parseWAST(source, features: ModuleLoading.features) else { continue }
                while let (parsed, _) = script.nextDirectiveResult() {
                    guard case .success(let directive) = parsed else { continue }
                    let module: ModuleDirective
                    switch directive {
                    case .module(let m), .assertInvalid(let m, _), .assertMalformed(let m, _): module = m
                    default: continue
                    }
                    if case .success(let bytes) = ModuleLoading.bytes(of: module.source) {
                        modules.append((bytes, group == "proposals/multi-memory"))
                    }
                }
            }
        }
        return modules
    }

    // MARK: Decoding both ways

    static func options(multiMemory: Bool) -> FrontEndOptions {
        FrontEndOptions(multiMemory: multiMemory, limits: .standard)
    }

    static func keel(_ body: FunctionBody, multiMemory: Bool) -> Outcome {
        var decoder = BodyDecoder(bytes: body.code.expression, moduleOffset: body.offset, multiMemory: multiMemory, functionIndex: 0)
        var outcome = Outcome(instructions: [], failed: false)
        while !decoder.atEnd {
            do {
                switch try decoder.next() {
                case .brTable(let targets, let defaultDepth):
                    outcome.instructions.append(.brTable(Array(decoder.branchTargets[targets.range]), defaultDepth: defaultDepth))
                case let instruction:
                    outcome.instructions.append(.instruction(instruction))
                }
            } catch {
                outcome.failed = true
                break
            }
        }
        return outcome
    }

    /// WasmKit's decoding, in Keel's terms: an instruction Keel does not implement counts as
    /// the point where decoding fails (Keel rejects it there). Also returns the byte offset
    /// (within the body) of the instruction decoding stopped at, if it failed.
    static func wasmKit(_ body: FunctionBody) -> (Outcome, failedAt: Int?) {
        var parser = ExpressionParser(code: body.code)
        var recorder = Recorder()
        var outcome = Outcome(instructions: [], failed: false)
        while true {
            let start = parser.offset - body.offset
            do {
                guard let visit = try parser.parse() else { break }
                visit(visitor: &recorder)
            } catch {
                outcome.failed = true
                return (outcome, start)
            }
            guard let instruction = recorder.last.flatMap(keelOperator) else {
                outcome.failed = true
                return (outcome, start)
            }
            outcome.instructions.append(instruction)
        }
        return (outcome, nil)
    }

    struct Recorder: AnyInstructionVisitor {
        typealias VisitorError = Never
        var binaryOffset = 0
        var last: Instruction?
        mutating func visit(_ instruction: Instruction) { last = instruction }
    }

    static func compare(_ body: FunctionBody, multiMemory: Bool) -> Comparison {
        let ours = keel(body, multiMemory: multiMemory)
        let (theirs, failedAt) = wasmKit(body)
        if ours == theirs { return .same }
        let count = theirs.instructions.count
        // Bytes that run out before a final `end`: WasmKit fails reading past them; Keel's
        // decoder stops there and the translator rejects the body ("missing end").
        if theirs.failed, !ours.failed, ours.instructions == theirs.instructions, ours.instructions.last != .instruction(.end) { return .same }
        if theirs.failed, let failedAt, ours.instructions.count > count, Array(ours.instructions.prefix(count)) == theirs.instructions {
            let bytes = body.code.expression
            let at = bytes.startIndex + failedAt
            if bytes[at] == 0xFC, at + 1 < bytes.endIndex, bytes[at + 1] & 0x80 != 0 { return .overlongOpcode }
        }
        let firstDifference = Array(zip(ours.instructions, theirs.instructions)).firstIndex(where: { $0 != $1 }) ?? min(ours.instructions.count, count)
        return .different(
            "at instruction \(firstDifference): keel \(ours.instructions.dropFirst(firstDifference).first.map { "\($0)" } ?? "-") (failed: \(ours.failed), \(ours.instructions.count) decoded), "
                + "wasmkit \(theirs.instructions.dropFirst(firstDifference).first.map { "\($0)" } ?? "-") (failed: \(theirs.failed), \(count) decoded)")
    }

    // MARK: Tests

    func testSameInstructionsAsWasmKitOnEverySpecModule() throws {
        var bodies = 0
        var instructions = 0
        for (bytes, multiMemory) in try Self.corpus() {
            guard let module = try? KeelFrontEnd.Decoder.decode(bytes, options: Self.options(multiMemory: multiMemory)) else { continue }
            for body in module.bodies {
                bodies += 1
                instructions += Self.keel(body, multiMemory: multiMemory).instructions.count
                let comparison = Self.compare(body, multiMemory: multiMemory)
                if case .different = comparison {
                    XCTFail("body at offset \(body.offset) of a \(bytes.count)-byte module: \(comparison)")
                }
            }
        }
        // The whole suite was read (about 6,400 bodies and 37,000 instructions).
        XCTAssertGreaterThan(bodies, 5_000)
        XCTAssertGreaterThan(instructions, 30_000)
    }

    /// Bodies with one to three bytes overwritten (deterministic seeds): the same instructions,
    /// and a rejection at the same instruction, as WasmKit.
    func testSameRejectionsAsWasmKitOnMutatedBodies() throws {
        var random = SplitMix64(seed: 0x6B65_656C)
        var compared = 0
        var rejected = 0
        for (bytes, multiMemory) in try Self.corpus() {
            guard let module = try? KeelFrontEnd.Decoder.decode(bytes, options: Self.options(multiMemory: multiMemory)) else { continue }
            for body in module.bodies where body.code.expression.count >= 2 {
                for _ in 0..<2 {
                    var mutated = bytes
                    for _ in 0...(random.next() % 3) {
                        let at = body.offset + Int(random.next() % UInt64(body.code.expression.count))
                        // Mostly opcode-like and LEB-like bytes, sometimes anything.
                        let choices: [UInt8] = [0x80, 0xFF, 0x7F, 0x40, 0xFC, 0x00, 0x0B, 0x41, 0x1C, 0xD0]
                        mutated[at] = random.next() % 2 == 0 ? choices[Int(random.next() % UInt64(choices.count))] : UInt8(truncatingIfNeeded: random.next())
                    }
                    guard let changed = try? KeelFrontEnd.Decoder.decode(mutated, options: Self.options(multiMemory: multiMemory)),
                        changed.bodies.count == module.bodies.count
                    else { continue }
                    for changedBody in changed.bodies where changedBody.offset == body.offset {
                        compared += 1
                        let comparison = Self.compare(changedBody, multiMemory: multiMemory)
                        if case .different = comparison {
                            XCTFail("mutated body at offset \(body.offset): \(comparison)")
                        }
                        if Self.keel(changedBody, multiMemory: multiMemory).failed { rejected += 1 }
                    }
                }
            }
        }
        XCTAssertGreaterThan(compared, 10_000)
        XCTAssertGreaterThan(rejected, 1_000)
    }

    /// `FC 80 00` is `i32.trunc_sat_f32_s` spelled with a two-byte sub-opcode: valid WebAssembly.
    func testOverlongPrefixedOpcodesDecode() throws {
        // (func (param f32) (result i32) local.get 0 i32.trunc_sat_f32_s), the sub-opcode as `80 00`.
        let bytes: [UInt8] = [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x06, 0x01, 0x60, 0x01, 0x7D, 0x01, 0x7F,
            0x03, 0x02, 0x01, 0x00,
            0x0A, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0xFC, 0x80, 0x00, 0x0B,
        ]
        let module = try KeelFrontEnd.Decoder.decode(bytes, options: Self.options(multiMemory: false))
        let outcome = Self.keel(module.bodies[0], multiMemory: false)
        XCTAssertEqual(outcome, Outcome(instructions: [.instruction(.localGet(0)), .instruction(.numeric(.i32TruncSatF32S)), .instruction(.end)], failed: false))
        XCTAssertEqual(Self.compare(module.bodies[0], multiMemory: false), .overlongOpcode)
    }

    /// The translator takes an instruction's traits (fuel price, metering-block and NaN-region
    /// ends) from a table by first byte; on every instruction of the suite they must equal the
    /// definition, `InstructionTraits.code(of:)`, and every opcode the suite uses is covered.
    func testTraitsByOpcodeMatchTheDefinitionOnEverySpecInstruction() throws {
        var opcodes = Set<UInt8>()
        var checked = 0
        for (bytes, multiMemory) in try Self.corpus() {
            guard let module = try? KeelFrontEnd.Decoder.decode(bytes, options: Self.options(multiMemory: multiMemory)) else { continue }
            for body in module.bodies {
                var decoder = BodyDecoder(bytes: body.code.expression, moduleOffset: body.offset, multiMemory: multiMemory, functionIndex: 0)
                while !decoder.atEnd, let instruction = try? decoder.next() {
                    let looked = InstructionTraits.code(opcode: decoder.opcode, instruction, table: InstructionTraits.byOpcode)
                    if looked != InstructionTraits.code(of: instruction) {
                        XCTFail("opcode \(decoder.opcode) (\(instruction)): table \(looked), definition \(InstructionTraits.code(of: instruction))")
                    }
                    opcodes.insert(decoder.opcode)
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 30_000)
        // Every one-byte opcode with a representative appears in the suite.
        let defined = (0...255).map(UInt8.init).filter { InstructionTraits.representative(opcode: $0) != nil }
        XCTAssertEqual(defined.filter { !opcodes.contains($0) }, [])
        XCTAssertEqual(defined.count, 183)
        // The packed traits travel in what would otherwise be padding.
        XCTAssertEqual(MemoryLayout<DecodedInstruction>.stride, 24)
    }

    /// `NumericOp(opcode:)` and `NumericOp(saturatingTruncation:)` against the opcodes' names.
    func testNumericOpcodeTable() {
        var seen = Set<NumericOp>()
        for opcode in UInt8(0x45)...0xC4 {
            guard let op = NumericOp(opcode: opcode) else { return XCTFail("no numeric op for \(opcode)") }
            seen.insert(op)
        }
        for sub in UInt32(0)...7 {
            guard let op = NumericOp(saturatingTruncation: sub) else { return XCTFail("no saturating truncation \(sub)") }
            XCTAssertTrue(op.name.contains("trunc_sat"), op.name)
            seen.insert(op)
        }
        XCTAssertEqual(seen.count, NumericOp.allCases.count)
        XCTAssertEqual(NumericOp(opcode: 0x45)?.name, "i32.eqz")
        XCTAssertEqual(NumericOp(opcode: 0xBF)?.name, "f64.reinterpret_i64")
        XCTAssertEqual(NumericOp(opcode: 0xC0)?.name, "i32.extend8_s")
        XCTAssertEqual(NumericOp(opcode: 0xC4)?.name, "i64.extend32_s")
        XCTAssertNil(NumericOp(opcode: 0xC5))
        XCTAssertNil(NumericOp(saturatingTruncation: 8))
    }
}

/// Maps a WasmKit instruction to Keel's `Operator`; nil for instructions Keel does not implement.
private func keelOperator(_ instruction: Instruction) -> BodyDecoderTests.Decoded? {
    if case .brTable(let table) = instruction { return .brTable(table.labelIndices, defaultDepth: table.defaultIndex) }
    return keelInstruction(instruction).map { .instruction($0) }
}

private func keelInstruction(_ instruction: Instruction) -> Operator? {
    func value(_ type: WasmTypes.ValueType) -> KeelFrontEnd.ValueType? { try? KeelFrontEnd.Decoder.convert(type, offset: 0) }
    func block(_ type: BlockType) -> BlockTypeCode? {
        switch type {
        case .empty: return .empty
        case .type(let t): return value(t).map { .value($0) }
        case .funcType(let index): return .index(index)
        }
    }
    func memory(_ memarg: MemArg) -> MemoryArgument { MemoryArgument(align: memarg.align, offset: UInt32(memarg.offset), memory: memarg.memory) }
    switch instruction {
    case .unreachable: return .unreachable
    case .nop: return .nop
    case .block(let t): return block(t).map { .block($0) }
    case .loop(let t): return block(t).map { .loop($0) }
    case .if(let t): return block(t).map { .if($0) }
    case .else: return .else
    case .end: return .end
    case .br(let d): return .br(d)
    case .brIf(let d): return .brIf(d)
    case .return: return .return
    case .call(let f): return .call(f)
    case .callIndirect(let type, let table): return .callIndirect(typeIndex: type, table: table)
    case .drop: return .drop
    case .select: return .select
    case .typedSelect(let t): return value(t).map { .typedSelect($0) }
    case .localGet(let i): return .localGet(i)
    case .localSet(let i): return .localSet(i)
    case .localTee(let i): return .localTee(i)
    case .globalGet(let i): return .globalGet(i)
    case .globalSet(let i): return .globalSet(i)
    case .load(let op, let memarg): return LoadOp(op).map { .load($0, memory(memarg)) }
    case .store(let op, let memarg): return StoreOp(op).map { .store($0, memory(memarg)) }
    case .memorySize(let m): return .memorySize(m)
    case .memoryGrow(let m): return .memoryGrow(m)
    case .i32Const(let v): return .i32Const(UInt32(bitPattern: v))
    case .i64Const(let v): return .i64Const(UInt64(bitPattern: v))
    case .f32Const(let v): return .f32Const(v.bitPattern)
    case .f64Const(let v): return .f64Const(v.bitPattern)
    case .refNull(.abstract(.funcRef)): return .refNull(.funcref)
    case .refNull(.abstract(.externRef)): return .refNull(.externref)
    case .refIsNull: return .refIsNull
    case .refFunc(let f): return .refFunc(f)
    case .i32Eqz: return .numeric(.i32Eqz)
    case .i64Eqz: return .numeric(.i64Eqz)
    case .cmp(let op): return NumericOp(op).map { .numeric($0) }
    case .unary(let op): return NumericOp(op).map { .numeric($0) }
    case .binary(let op): return NumericOp(op).map { .numeric($0) }
    case .conversion(let op): return NumericOp(op).map { .numeric($0) }
    case .memoryInit(let data, let m): return .memoryInit(data: data, memory: m)
    case .dataDrop(let data): return .dataDrop(data)
    case .memoryCopy(let d, let s): return .memoryCopy(destination: d, source: s)
    case .memoryFill(let m): return .memoryFill(m)
    case .tableInit(let e, let t): return .tableInit(element: e, table: t)
    case .elemDrop(let e): return .elemDrop(e)
    case .tableCopy(let d, let s): return .tableCopy(destination: d, source: s)
    case .tableFill(let t): return .tableFill(t)
    case .tableGet(let t): return .tableGet(t)
    case .tableSet(let t): return .tableSet(t)
    case .tableGrow(let t): return .tableGrow(t)
    case .tableSize(let t): return .tableSize(t)
    default: return nil
    }
}
