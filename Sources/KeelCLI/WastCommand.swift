import ArgumentParser
import Foundation
import Keel
import KeelWAST

/// `keel wast FILE...`: runs `.wast` scripts and reports what passed and failed.
struct WastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wast",
        abstract: "Run .wast scripts (files, or directories of *.wast) and report failures."
    )

    @Argument(help: "Scripts, or directories whose *.wast files run in name order.")
    var paths: [String]

    @OptionGroup var engineOptions: EngineOptions

    @Flag(name: .long, help: "Print what spectest's print functions print.")
    var verbose = false

    func run() throws {
        let files: [String]
        switch WastFileDiscovery.files(for: paths) {
        case .failure(let message): throw Diagnostics.fail(message.description, Diagnostics.usage)
        case .success(let found): files = found
        }
        // Fail early with the engine's own message (e.g. an unavailable backend).
        do {
            _ = try Engine(configuration: engineOptions.configuration)
        } catch {
            throw Diagnostics.fail(error.description)
        }

        var log: (@Sendable (String) -> Void)?
        if verbose {
            log = { @Sendable line in print(line) }
        }
        let runner = WASTRunner(configuration: engineOptions.configuration, log: log)
        var passed = 0
        var failed = 0
        var skipped = 0
        for file in files {
            let result = runner.run(path: file)
            passed += result.passed
            failed += result.failed
            skipped += result.skipped
            print(WastReport.fileLine(result))
            for failure in result.failures {
                print(WastReport.failureLine(failure, path: result.path))
            }
            for skip in result.skips {
                print(WastReport.skipLine(skip, path: result.path))
            }
        }
        print(WastReport.totalLine(passed: passed, failed: failed, skipped: skipped))
        if failed > 0 { throw Diagnostics.failure }
    }
}
