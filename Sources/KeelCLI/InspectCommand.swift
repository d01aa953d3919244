import ArgumentParser
import Foundation
import Keel

/// `keel inspect FILE [--profile contract] [--no-float]`: validates a module and describes it.
/// Exits 1 when the module does not fit the selected profile (as `cosmwasm-check` does), after
/// printing the whole description. Under `--engine jit` it also reports the machine code
/// compiled (`--code-sizes`: per function), and `--disassemble F` lists function F's code.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Validate a module and print its imports, exports, memories, tables, globals, sizes, profile fit and static fuel statistics."
    )

    @Argument(help: "The module: binary (.wasm) or text (.wat).")
    var file: String

    @OptionGroup var engineOptions: EngineOptions

    @Flag(name: .customLong("compile-only"), help: "Only validate and compile the module with the selected profile (for compile-time measurements).")
    var compileOnly = false

    @Flag(name: .customLong("code-sizes"), help: "With --engine jit: list each function's machine-code size.")
    var codeSizes = false

    @Option(name: .customLong("disassemble"), help: ArgumentHelp("With --engine jit: print function F's machine code (F: an export name, or an index in the function index space, imports first).", valueName: "F"))
    var disassemble: String?

    func validate() throws {
        if engineOptions.engine != .jit {
            if disassemble != nil { throw ValidationError("--disassemble needs --engine jit (the interpreter compiles no machine code)") }
            if codeSizes { throw ValidationError("--code-sizes needs --engine jit (the interpreter compiles no machine code)") }
        }
    }

    func run() throws {
        if let wanted = disassemble {
            let module = try ModuleFileLoading.load(path: file, engine: try makeEngine(engineOptions.configuration))
            let function = try functionIndex(wanted, in: module)
            do {
                let listing = try module.machineCodeListing(function: function)
                let bytes = module.machineCode?.functions.first { $0.index == function }?.byteCount ?? 0
                let name = Int(wanted) == nil ? " (export \"\(wanted)\")" : ""
                print("function \(function)\(name): \(bytes) bytes of machine code")
                for line in listing { print(line) }
            } catch {
                throw Diagnostics.fail(error.description)
            }
            return
        }
        if compileOnly {
            let module = try ModuleFileLoading.load(path: file, engine: try makeEngine(engineOptions.configuration))
            print("compiled \(module.functionCounts.defined) functions")
            return
        }
        // Validity under WebAssembly's own rules first; the profile is judged separately.
        let engine = try makeEngine(.standard)
        let module = try ModuleFileLoading.load(path: file, engine: engine)
        let data = FileManager.default.contents(atPath: file) ?? Data()
        let bytes = data.count
        let counts = module.functionCounts
        print("module: \(file) (\(bytes) bytes; \(counts.codeBytes) bytes of code)")
        print("functions: \(counts.imported + counts.defined) (\(counts.imported) imported, \(counts.defined) defined)")
        // The module as the selected profile compiles it (its machine code is what runs).
        let profile = engineOptions.configuration
        let profileName = engineOptions.profile.rawValue + (engineOptions.noFloat ? " --no-float" : "")
        let profiled: Result<Module, CompileError>
        do {
            profiled = .success(try ModuleFileLoading.compile(data, path: file, engine: try makeEngine(profile)))
        } catch let error as CompileError {
            profiled = .failure(error)
        }
        if engineOptions.engine == .jit { printMachineCode(profiled, profileName: profileName) }
        print("imports: \(module.imports.count)")
        for entry in module.imports {
            print("  \"\(entry.module)\".\"\(entry.name)\": \(entry.type)")
        }
        print("exports: \(module.exports.count)")
        for entry in module.exports {
            print("  \"\(entry.name)\": \(entry.type)")
        }
        let imported = module.importedCounts
        InspectCommand.list("memories", module.memories.map(\.description), importedCount: imported.memories)
        InspectCommand.list("tables", module.tables.map(\.description), importedCount: imported.tables)
        InspectCommand.list("globals", module.globals.map(\.description), importedCount: imported.globals)

        var fits = true
        switch profiled {
        case .success: print("profile \(profileName): fits")
        case .failure(let error):
            print("profile \(profileName): does not fit: \(error)")
            fits = false
        }

        let schedule = profile.costSchedule
        let statistics = try module.meteringBlocks(schedule: schedule)
        print("static fuel (cost schedule v\(schedule.version)): metering blocks per function")
        for (function, blocks) in statistics {
            let total = blocks.reduce(UInt64(0), +)
            print("  function \(function): \(blocks.count) blocks, total \(total), largest \(blocks.max() ?? 0)")
        }
        if !fits { throw ExitCode(1) }
    }

    /// `machine code: N functions compiled, B bytes` (and each function's size with
    /// `--code-sizes`), read from the code the JIT compiled under the selected profile.
    func printMachineCode(_ profiled: Result<Module, CompileError>, profileName: String) {
        guard case .success(let module) = profiled, let code = module.machineCode else {
            print("machine code: none (the module does not fit profile \(profileName))")
            return
        }
        print("machine code: \(code.functions.count) functions compiled, \(code.totalBytes) bytes")
        if codeSizes {
            for function in code.functions { print("  function \(function.index): \(function.byteCount) bytes") }
        }
    }

    /// The function `--disassemble` names: a decimal index, or the name of an exported
    /// function (a usage error naming the exported functions when there is none).
    func functionIndex(_ text: String, in module: Module) throws -> Int {
        if let index = Int(text) { return index }
        let bytes = try ModuleFileLoading.binary(path: file)
        if let index = ExportedFunctions.index(of: text, in: bytes) { return index }
        let functions = module.exports.filter { if case .function = $0.type { true } else { false } }.map { "\"\($0.name)\"" }
        throw Diagnostics.fail(
            "--disassemble: the module exports no function named \"\(text)\" (exported functions: \(functions.isEmpty ? "none" : functions.joined(separator: ", ")); or give a function index)",
            Diagnostics.usage)
    }

    func makeEngine(_ configuration: EngineConfiguration) throws -> Engine {
        var configuration = configuration
        configuration.backend = engineOptions.engine
        do {
            return try Engine(configuration: configuration)
        } catch {
            throw Diagnostics.fail(error.description)
        }
    }

    /// Prints `NAME: count` and one line per item, marking the imported ones.
    static func list(_ name: String, _ items: [String], importedCount: Int) {
        print("\(name): \(items.count)")
        for (index, item) in items.enumerated() {
            print("  \(index): \(item)" + (index < importedCount ? " (imported)" : ""))
        }
    }
}
