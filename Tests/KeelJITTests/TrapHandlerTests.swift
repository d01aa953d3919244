import Foundation
import KeelJIT
import Testing

/// A trappable function `(context, address) -> status` that loads 8 bytes from `address`
/// into context[1]; the load and a `ud2` (taken when the loaded value is 0xDEAD) are trap sites.
// Sound as Sendable: the code is read+execute and never changed after init.
private struct TrappableLoad: @unchecked Sendable {
    let memory: CodeMemory
    let registration: CodeRegistration
    let frame = X64TrapFrame(contextRegister: .r14, stackPointerOffset: 0)

    init() throws {
        var masm = X64MacroAssembler()
        frame.emitEntry(&masm)
        masm.load(.full, from: Address(.rsi), to: .rax, .i64, trap: 7)
        masm.store(.rax, to: Address(.r14, 8), .b64, trap: nil)
        let fine = masm.makeLabel()
        masm.branch(if: .ne, .rax, constant: 0xDEAD, .i64, to: fine)
        masm.trap(11)
        masm.bind(fine)
        frame.emitExit(&masm)
        let pad = frame.emitLandingPad(&masm)
        let code = try masm.finish()
        memory = try CodeMemory(capacity: code.buffer.count)
        _ = try memory.append(code.buffer)
        try memory.makeExecutable()
        registration = CodeRegistration(
            memory: memory, sites: code.trapSites, landingPad: pad, contextRegister: frame.contextRegister,
            stackPointerOffset: frame.stackPointerOffset)
    }

    /// Runs the function; returns (status, the value stored in context[1]).
    func run(_ address: UnsafeRawPointer) -> (UInt64, UInt64) {
        let f = unsafeBitCast(memory.address(of: 0), to: (@convention(c) (UnsafeMutableRawPointer, UnsafeRawPointer) -> UInt64).self)
        var context: [UInt64] = [0, 0]
        let status = withExtendedLifetime(registration) {
            context.withUnsafeMutableBytes { f($0.baseAddress!, address) }
        }
        return (status, context[1])
    }
}

@Suite("Trap handler")
struct TrapHandlerTests {
    init() throws { try TrapHandler.install() }

    @Test func guardPageLoadReturnsThroughTheLandingPad() throws {
        let reservation = try MemoryReservation(size: 1 << 20, accessible: 1)
        #expect(reservation.accessible == CodeMemory.pageSize)
        let function = try TrappableLoad()
        reservation.base.storeBytes(of: 1234, as: UInt64.self)
        #expect(function.run(reservation.base) == (0, 1234))
        // Repeatedly, and at several guard addresses: the handler leaves no state behind.
        for distance in [0, 8, 4096, 500_000] {
            #expect(function.run(reservation.base + reservation.accessible + distance) == (7, 0))
        }
        #expect(function.run(reservation.base) == (0, 1234))
        withExtendedLifetime(reservation) {}
    }

    @Test func growingAReservationMakesPagesAccessible() throws {
        let reservation = try MemoryReservation(size: 4 * CodeMemory.pageSize, accessible: 0)
        let function = try TrappableLoad()
        #expect(function.run(reservation.base).0 == 7)
        try reservation.grow(to: 2 * CodeMemory.pageSize)
        #expect(function.run(reservation.base + CodeMemory.pageSize) == (0, 0))
        #expect(function.run(reservation.base + 2 * CodeMemory.pageSize).0 == 7)
        #expect(throws: CodeMemoryError.full(needed: 5 * CodeMemory.pageSize, available: 4 * CodeMemory.pageSize)) {
            try reservation.grow(to: 5 * CodeMemory.pageSize)
        }
        withExtendedLifetime(reservation) {}
    }

    @Test func explicitTrapSiteReturnsItsCode() throws {
        let reservation = try MemoryReservation(size: 1 << 16, accessible: 1)
        reservation.base.storeBytes(of: 0xDEAD, as: UInt64.self)
        let function = try TrappableLoad()
        #expect(function.run(reservation.base) == (11, 0xDEAD))
        withExtendedLifetime(reservation) {}
    }

    @Test func trapsOnAThreadWithItsOwnAlternateStack() throws {
        let reservation = try MemoryReservation(size: 1 << 16, accessible: 1)
        let function = try TrappableLoad()
        let guardAddress = UInt(bitPattern: reservation.base) + UInt(reservation.accessible)
        let box = ResultBox()
        let thread = Thread {
            do {
                let hadOne = AlternateSignalStack.isInstalledOnCurrentThread
                let stack = try AlternateSignalStack.ensure()
                box.set(
                    hadOne: hadOne, installed: AlternateSignalStack.isInstalledOnCurrentThread,
                    status: function.run(UnsafeRawPointer(bitPattern: guardAddress)!).0)
                withExtendedLifetime(stack) {}
            } catch {
                box.set(hadOne: true, installed: false, status: 0)
            }
        }
        thread.start()
        let outcome = box.wait()
        #expect(outcome.hadOne == false)
        #expect(outcome.installed)
        #expect(outcome.status == 7)
        withExtendedLifetime(reservation) {}
    }

    @Test func faultsOutsideJITCodeAreNotSwallowed() throws {
        // The Swift runtime's crash handler (chained to) and the default action both kill it.
        for environment in [["SWIFT_BACKTRACE": "enable=no"], [:]] {
            let outside = try Probe.run("outside", environment: environment)
            #expect(outside.reason == .uncaughtSignal && outside.status == SIGSEGV, "outside: \(outside)")
            let unlisted = try Probe.run("unlisted", environment: environment)
            #expect(unlisted.reason == .uncaughtSignal && unlisted.status == SIGSEGV, "unlisted: \(unlisted)")
            // A fault inside registered JIT code is reported before the process stops.
            #expect(unlisted.standardError.contains("keel: engine fault: signal 0xb at pc 0x"), "unlisted: \(unlisted.standardError)")
            #expect(!outside.standardError.contains("engine fault"), "outside: \(outside.standardError)")
        }
        let chained = try Probe.run("chain", environment: ["SWIFT_BACKTRACE": "enable=no"])
        #expect(chained.reason == .exit && chained.status == 42, "chain: \(chained)")
        let trapped = try Probe.run("trap", environment: ["SWIFT_BACKTRACE": "enable=no"])
        #expect(trapped.reason == .exit && trapped.status == 0, "trap: \(trapped)")
    }
}

/// The result of a probe or thread run, handed across threads.
private final class ResultBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: (hadOne: Bool, installed: Bool, status: UInt64)?

    func set(hadOne: Bool, installed: Bool, status: UInt64) {
        condition.lock()
        value = (hadOne, installed, status)
        condition.signal()
        condition.unlock()
    }

    func wait() -> (hadOne: Bool, installed: Bool, status: UInt64) {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}

/// Runs the `KeelJITFaultProbe` executable built next to the tests.
enum Probe {
    struct Outcome: CustomStringConvertible {
        let reason: Process.TerminationReason
        let status: Int32
        var standardError = ""
        var description: String { "\(reason == .exit ? "exit" : "signal") \(status)" }
    }

    struct NotFound: Error, CustomStringConvertible {
        let description: String
    }

    static func binary() throws -> URL {
        var starts = [Bundle.main.bundleURL]
        if let first = CommandLine.arguments.first { starts.append(URL(fileURLWithPath: first)) }
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = directory.appendingPathComponent("KeelJITFaultProbe")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory.deleteLastPathComponent()
            }
        }
        throw NotFound(description: "KeelJITFaultProbe not found near \(starts.map(\.path)); build the package's products")
    }

    static func run(_ mode: String, environment: [String: String]) throws -> Outcome {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = [mode]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(reason: process.terminationReason, status: process.terminationStatus, standardError: text)
    }
}
