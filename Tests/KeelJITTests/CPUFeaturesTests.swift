import Foundation
import KeelJIT
import Testing

@Suite("CPU features")
struct CPUFeaturesTests {
    /// CPUID read through generated code agrees with the kernel's /proc/cpuinfo flags.
    @Test func agreeWithProcCpuinfo() throws {
        guard let handle = FileHandle(forReadingAtPath: "/proc/cpuinfo") else {
            Issue.record("/proc/cpuinfo cannot be read")
            return
        }
        let text = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        let flagsLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(flagsLine.split(separator: ":")[1].split(separator: " ").map(String.init))
        let host = CPUFeatures.host
        #expect(host.sse41 == flags.contains("sse4_1"))
        #expect(host.popcnt == flags.contains("popcnt"))
        #expect(host.lzcnt == flags.contains("abm"))
        #expect(host.bmi1 == flags.contains("bmi1"))
    }
}
