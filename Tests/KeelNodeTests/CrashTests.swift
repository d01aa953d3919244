import Foundation
import KeelNode
import KeelState
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct CrashTests {
    /// The probe executable, built beside the test bundle.
    private func probe() throws -> URL { try builtExecutable("KeelNodeCrashProbe") }

    /// A chain killed with SIGKILL at many moments of block production always reopens at a
    /// committed head at or after the last block it reported, with the state of exactly that
    /// many blocks, and replaying its blocks elsewhere reproduces the head.
    @Test func killedAtAnyPointReopensAtTheCommittedHead() throws {
        let directory = TemporaryDirectory()
        let executable = try probe()
        var reported: UInt64 = 0
        var kills = 0
        for delay in [0, 1, 2, 4, 7, 11, 16, 25, 40, 60, 90, 130, 180, 250, 320, 400] {
            let process = Process()
            process.executableURL = executable
            process.arguments = [directory.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(delay) * 1000 + 200_000)  // startup takes about 0.2 s
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "the probe stopped before it was killed (delay \(delay))")
            kills += 1
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if let last = text.split(separator: "\n").last.flatMap({ UInt64($0) }) { reported = max(reported, last) }

            let chain: Chain
            do {
                chain = try Chain.open(directory: directory.path)
            } catch ChainError.notInitialized {
                #expect(reported == 0, "no chain after blocks were reported")
                continue
            }
            let height = chain.head.height
            #expect(height >= reported, "head \(height) is behind the reported \(reported)")
            #expect(try chain.block(at: height)?.hash == chain.head.hash)
            #expect(try chain.block(at: height + 1) == nil)
            #expect(try chain.balance(of: dev1.address) == startBalance + height)
            #expect(try chain.nonce(of: dev0.address) == height)
            reported = height
        }
        #expect(kills == 16)
        #expect(reported > 0, "the probe never committed a block")

        // Replaying the recorded blocks from genesis on another store reproduces the head.
        let chain = try Chain.open(directory: directory.path)
        let replica = try Chain.create(store: MemoryStore(), genesis: try chain.genesis())
        #expect(replica.head == (try chain.block(at: 0))?.header)
        for height in 1...chain.head.height {
            try replica.apply(block: try #require(try chain.block(at: height)))
        }
        #expect(replica.head == chain.head)
    }
}
