import Foundation
import Testing

/// `contracts/build.sh`: the committed sample modules rebuild to their bytes with the pinned
/// toolchain, whatever else is on PATH.
@Suite struct ContractBuildTests {
    /// Runs `contracts/build.sh ARGS` and returns its exit status and combined output.
    func runBuild(_ arguments: [String], path: String? = nil, environment extra: [String: String] = [:]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [contractsDirectory.appendingPathComponent("build.sh").path] + arguments
        var environment = ProcessInfo.processInfo.environment
        if let path { environment["PATH"] = path }
        environment.removeValue(forKey: "CLANG")
        environment.removeValue(forKey: "WASM_LD")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// A directory holding executable scripts NAME -> body, removed by the caller.
    func scriptDirectory(_ scripts: [(String, String)]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keel-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, body) in scripts {
            let url = directory.appendingPathComponent(name)
            try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        return directory
    }

    /// `contracts/build.sh --check` rebuilds every sample contract with the toolchain and
    /// compares the bytes with the committed modules.
    @Test func rebuildingGivesIdenticalBytes() throws {
        let (status, text) = try runBuild(["--check"])
        #expect(status == 0, "\(text)")
    }

    /// Regression (issue 10): a `clang` first on PATH is not used, and a `wasm-opt` on PATH
    /// (which the clang driver runs after linking when it finds one) never touches the output.
    @Test func otherToolsFirstOnPathAreNotUsed() throws {
        let fakes = try scriptDirectory([
            ("clang", "echo 'clang version 1.0 (an impostor)'; exit 1"),
            ("wasm-ld", "echo 'LLD 1.0 (an impostor)'; exit 1"),
            // Overwrites its -o argument with junk, as an optimizer that changed the bytes would.
            ("wasm-opt", "while [ $# -gt 0 ]; do if [ \"$1\" = -o ]; then echo junk > \"$2\"; fi; shift; done"),
        ])
        defer { try? FileManager.default.removeItem(at: fakes) }
        let path = fakes.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let (status, text) = try runBuild(["--check"], path: path)
        #expect(status == 0, "\(text)")
    }

    /// A compiler other than the pinned one is named, with the pinned version, instead of
    /// every module being listed as different.
    @Test func anotherCompilerVersionIsNamed() throws {
        let fakes = try scriptDirectory([("clang", "echo 'clang version 1.0 (an impostor)'")])
        defer { try? FileManager.default.removeItem(at: fakes) }
        let (status, text) = try runBuild(["--check"], environment: ["CLANG": fakes.appendingPathComponent("clang").path])
        #expect(status == 2)
        #expect(text.contains("clang version 1.0 (an impostor)"), "\(text)")
        let pinned = try String(contentsOf: contractsDirectory.appendingPathComponent("toolchain.txt"), encoding: .utf8)
        #expect(text.contains(pinned.split(separator: "\n")[0]), "\(text)")
        #expect(!text.contains("differ"), "\(text)")
    }

    /// The committed modules carry no custom sections (no names, producers or target_features).
    @Test func committedModulesHaveNoCustomSections() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: contractsDirectory.path).sorted()
        var checked = 0
        for name in names where name != "sdk" {
            let url = contractsDirectory.appendingPathComponent(name).appendingPathComponent("\(name).wasm")
            guard let bytes = try? [UInt8](Data(contentsOf: url)) else { continue }
            #expect(try sectionIDs(bytes).allSatisfy { $0 != 0 }, "\(name).wasm has a custom section")
            checked += 1
        }
        #expect(checked >= 5)
    }

    /// The section ids of a module, in order.
    func sectionIDs(_ bytes: [UInt8]) throws -> [UInt8] {
        #expect(bytes.count >= 8 && Array(bytes[0..<4]) == [0, 0x61, 0x73, 0x6D])
        var ids: [UInt8] = []
        var index = 8
        while index < bytes.count {
            let id = bytes[index]
            index += 1
            var size = 0, shift = 0
            while true {
                let byte = bytes[index]
                index += 1
                size |= Int(byte & 0x7F) << shift
                shift += 7
                if byte < 0x80 { break }
            }
            ids.append(id)
            index += size
        }
        return ids
    }
}
