import Foundation

/// The toolchain's clang (integrated assembler) and llvm-objdump, used as the encoder's oracle.
enum Toolchain {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// `/opt/swift/usr/bin/NAME`, or NAME found on PATH; throws naming what is missing.
    static func tool(_ name: String) throws -> URL {
        let pinned = URL(fileURLWithPath: "/opt/swift/usr/bin/\(name)")
        if FileManager.default.isExecutableFile(atPath: pinned.path) { return pinned }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Missing(description: "\(name) not found at \(pinned.path) or on PATH: the encoder test needs the Swift toolchain's \(name)")
    }

    /// Runs `tool` with `arguments`; returns standard output, throws with stderr on failure.
    @discardableResult
    static func run(_ tool: URL, _ arguments: [String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keel-jit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("out"), errURL = directory.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = try String(contentsOf: outURL, encoding: .utf8)
        guard process.terminationStatus == 0 else {
            let stderr = try String(contentsOf: errURL, encoding: .utf8)
            throw Failed(description: "\(tool.lastPathComponent) \(arguments.joined(separator: " ")) exited \(process.terminationStatus):\n\(stderr.prefix(4000))")
        }
        return stdout
    }

    /// Assembles `source` (GNU assembler syntax) into an object and disassembles its .text in
    /// Intel syntax: one (offset, instruction text) per instruction, whitespace normalized.
    static func assembleAndDisassemble(_ source: String) throws -> [(offset: Int, text: String)] {
        let clang = try tool("clang"), objdump = try tool("llvm-objdump")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keel-jit-asm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sourceURL = directory.appendingPathComponent("code.s"), objectURL = directory.appendingPathComponent("code.o")
        try source.write(to: sourceURL, atomically: true, encoding: .utf8)
        try run(clang, ["--target=x86_64-unknown-linux-gnu", "-c", "-x", "assembler", sourceURL.path, "-o", objectURL.path])
        let listing = try run(objdump, ["-d", "-M", "intel", "--no-show-raw-insn", objectURL.path])
        var result: [(Int, String)] = []
        for line in listing.split(separator: "\n") {
            // Instruction lines look like "      1c: \tmov\trax, rbx".
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let offset = Int(parts[0].trimmingCharacters(in: .whitespaces), radix: 16),
                line.hasPrefix(" ")
            else { continue }
            // RIP-relative operands get a " # target" comment whose address depends on layout.
            let instruction = parts[1].split(separator: "#", maxSplits: 1)[0]
            let text = instruction.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            result.append((offset, text))
        }
        return result
    }
}
