import Foundation
import Testing

/// The trap handler, as compiled into this test binary (KeelJIT is always optimized), calls
/// nothing but async-signal-safe libc functions: no Swift runtime entry (retain, release,
/// allocation, lazy global initialization), no malloc, no locks.
@Suite("Signal safety")
struct SignalSafetyTests {
    @Test func handlerCallsOnlyAsyncSignalSafeFunctions() throws {
        let binary = try #require(Bundle.main.executablePath ?? CommandLine.arguments.first)
        let symbols = try Toolchain.run(try Toolchain.tool("llvm-nm"), ["-n", "--defined-only", binary])
        let lines = symbols.split(separator: "\n")
        var ranges: [(String, String)] = []
        for (i, line) in lines.enumerated() {
            let fields = line.split(separator: " ")
            guard fields.count == 3, i + 1 < lines.count else { continue }
            let name = fields[2]
            if name.contains("keelTrapSignalHandler") || name.contains("redirectToLandingPad")
                || name.contains("chainToPreviousHandler") || name.contains("insideReservation") || name.contains("partitionPoint")
                || name.contains("reportEngineFault") || name.contains("FaultMessage")
            {
                ranges.append(("0x" + fields[0], "0x" + lines[i + 1].split(separator: " ")[0]))
            }
        }
        #expect(ranges.count >= 2, "the handler's symbols were not found in \(binary)")
        let allowed = ["sigaction", "sigemptyset", "raise", "write", "__stack_chk_fail"]
        var calls: [String] = []
        for (start, stop) in ranges {
            let listing = try Toolchain.run(
                try Toolchain.tool("llvm-objdump"),
                ["-d", "--no-show-raw-insn", "-M", "intel", "--start-address=\(start)", "--stop-address=\(stop)", binary])
            for line in listing.split(separator: "\n") where line.contains("\tcall") || line.contains("\tjmp") {
                guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">") else {
                    if line.contains("\tcall") { calls.append(String(line)) }  // indirect: the chained handler
                    continue
                }
                let target = String(line[line.index(after: open)..<close])
                if target.contains("keelTrapSignalHandler") || target.contains("redirectToLandingPad")
                    || target.contains("chainToPreviousHandler") || target.contains("insideReservation") || target.contains("partitionPoint")
                    || target.contains("reportEngineFault") || target.contains("FaultMessage")
                {
                    continue
                }
                let base = target.split(separator: "@").first.map(String.init) ?? target
                if !allowed.contains(where: { base.hasPrefix($0) }) { calls.append(target) }
            }
        }
        let indirect = calls.filter { !$0.contains("<") && $0.contains("call") }
        let direct = calls.filter { !indirect.contains($0) }
        #expect(direct.isEmpty, "the signal handler calls \(direct)")
        #expect(indirect.count <= 2, "only the chained handler is called indirectly: \(indirect)")
    }
}
