import ArgumentParser
import Foundation
import Keel
import KeelNode
import KeelState

/// `keel replay`: re-executes a recorded chain from genesis in fresh state and names the
/// first divergence (docs/node.md, "Replay").
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-execute a recorded chain from genesis and compare every block, receipt and write set with the record.",
        discussion: """
            Reads the chain in --data DIR (default $KEEL_DATA, else .keel/chain) or a chain file. \
            Exits 1 on the first divergence, printing the block, the transaction, the receipt fields \
            that differ and the first differing state key, decoded, with both values.
            """)

    @Argument(help: "A chain file (written by `keel export`) to replay instead of a data directory.")
    var chainFile: String?

    @Option(name: .long, help: "The data directory to replay (default: $KEEL_DATA, else .keel/chain).")
    var data: String?

    @Option(name: .long, help: "The first height compared (blocks below are executed, not compared).")
    var from: UInt64 = 0

    @Option(name: .long, help: "The last height replayed (default: the recorded head).")
    var to: UInt64?

    @OptionGroup var backend: BackendOption

    @Option(name: .customLong("compare-engines"), help: "Two backends run side by side and compared with each other and the record, e.g. interp,jit or interp,interp.")
    var compareEngines: String?

    @Option(name: .long, help: "Replay into LevelDB databases created under this (new) directory instead of memory; removed afterwards.")
    var scratch: String?

    @Flag(name: .long, help: "Print one JSON object on standard output (progress stays on standard error).")
    var json = false

    func run() throws {
        try Report.run(json: json) {
            if chainFile != nil, data != nil { throw CommandFailure.usage("give a chain file or --data, not both") }
            let backends = try EngineList.parse(compareEngines, option: "--compare-engines") ?? [backend.engine]
            return try replay(on: backends)
        }
    }

    private func replay(on backends: [Backend]) throws(CommandFailure) -> Report {
        let clock = ContinuousClock()
        let started = clock.now
        var lastPrinted = started
        var options = ReplayOptions(from: from, to: to, backends: backends)
        if let scratch {
            guard !FileManager.default.fileExists(atPath: scratch) else { throw .usage("--scratch \(scratch) already exists; give a new directory") }
            _ = try OutputPaths.createDirectory(scratch, what: "the --scratch directory")
            options.makeStore = { index in try LevelDBStore(path: scratch + "/engine-\(index)", createIfMissing: true) }
        }
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        let progress = { (progress: ReplayProgress) in
            let now = clock.now
            guard now - lastPrinted >= .milliseconds(500) || progress.height == progress.lastHeight else { return }
            lastPrinted = now
            let rates = Self.rates(blocks: progress.blocks, transactions: progress.transactions, elapsed: now - started)
            FileHandle.standardError.write(Data("replay: block \(progress.height)/\(progress.lastHeight), \(rates)\n".utf8))
        }
        let result: ReplayReport
        if let chainFile {
            let file = try ChainSource.readFile(chainFile)
            do { result = try Replay.run(file, options: options, progress: progress) } catch { throw .failure("\(error)") }
        } else {
            let directory = DataDirectory(path: DataDirectory.path(option: data))
            let chain = try directory.openChain()
            do { result = try Replay.run(chain, options: options, progress: progress) } catch { throw directory.describe(error) }
        }
        let elapsed = clock.now - started
        var report = Report()
        report.line(ReplayOutput.text(result, rates: Self.rates(blocks: result.blocks, transactions: result.transactions, elapsed: elapsed)))
        report.fields(ReplayOutput.members(result, milliseconds: UInt64(elapsed / .milliseconds(1))))
        if let divergence = result.divergence { report.failure = "the replay diverged from the record at height \(divergence.height)" }
        return report
    }

    static func rates(blocks: Int, transactions: Int, elapsed: Duration) -> String {
        let seconds = max(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, 1e-9)
        return String(format: "%d blocks, %d transactions in %.3f s (%.0f blocks/s, %.0f transactions/s)",
                      blocks, transactions, seconds, Double(blocks) / seconds, Double(transactions) / seconds)
    }
}
