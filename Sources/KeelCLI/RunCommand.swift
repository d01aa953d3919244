import ArgumentParser
import Foundation
import Keel
import KeelWAST

/// `keel run FILE --invoke NAME [ARGS...]`: calls one export of a module and prints its results.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Instantiate a .wasm or .wat module and call one of its exported functions."
    )

    @Argument(help: "The module: binary (.wasm) or text (.wat).")
    var file: String

    @Option(name: .long, help: "The exported function to call.")
    var invoke: String

    @OptionGroup var engineOptions: EngineOptions

    @Option(name: .long, help: "Fuel for the call (turns fuel metering on); prints the fuel consumed on stderr.")
    var fuel: UInt64?

    @Flag(name: .customLong("dump-ir"), help: .hidden)
    var dumpIR = false

    @Argument(parsing: .allUnrecognized, help: "Arguments, read by the function's parameter types.")
    var arguments: [String] = []

    func run() throws {
        let engine: Engine
        var configuration = engineOptions.configuration
        if fuel != nil { configuration.fuelMetering = true }
        do {
            engine = try Engine(configuration: configuration)
        } catch {
            throw Diagnostics.fail(error.description)
        }
        let module = try ModuleFileLoading.load(path: file, engine: engine)
        if dumpIR {
            guard configuration.backend == .interpreter else {
                throw Diagnostics.fail("--dump-ir prints the interpreter's code: add --engine interp", Diagnostics.usage)
            }
            FileHandle.standardError.write(Data(module.interpreterDisassembly.joined(separator: "\n").utf8 + [10]))
        }

        // Names compare by their UTF-8 bytes: Swift's `==` would equate canonically equivalent
        // spellings that WebAssembly treats as different names.
        guard let export = module.exports.first(where: { $0.name.utf8.elementsEqual(invoke.utf8) }) else {
            throw Diagnostics.fail("module has no export named \"\(invoke)\"")
        }
        guard case .function(let type) = export.type else {
            throw Diagnostics.fail("export \"\(invoke)\" is not a function (it is \(export.type))")
        }
        let values: [Value]
        // `.allUnrecognized` keeps a `--` separator; it only marks where the arguments start.
        let texts = arguments.first == "--" ? Array(arguments.dropFirst()) : arguments
        switch ArgumentReading.values(texts, for: type, function: invoke) {
        case .failure(let message): throw Diagnostics.fail(message.description, Diagnostics.usage)
        case .success(let parsed): values = parsed
        }

        if let unresolved = module.imports.first {
            throw Diagnostics.fail(
                "unresolved import \"\(unresolved.module)\" \"\(unresolved.name)\" (\(unresolved.type)): keel run provides no imports")
        }
        let store = Store(engine: engine)
        if configuration.fuelMetering { store.setFuel(fuel ?? UInt64.max) }
        /// Reports the fuel consumed so far (on success and on traps alike).
        func reportFuel() {
            if let consumed = store.fuelConsumed {
                FileHandle.standardError.write(Data("fuel consumed: \(consumed)\n".utf8))
            }
        }
        let instance: Instance
        do {
            instance = try Linker(engine: engine).instantiate(module, in: store)
        } catch let trap as Trap {
            reportFuel()
            throw Diagnostics.fail("trap: \(trap.message)")
        } catch let error as LinkError {
            throw Diagnostics.fail(error.message)
        } catch {
            throw Diagnostics.fail("\(error)")
        }
        guard let function = instance.function(invoke) else {
            throw Diagnostics.fail("module has no exported function named \"\(invoke)\"")
        }

        let results: [Value]
        do throws(Trap) {
            results = try function.call(values)
        } catch {
            reportFuel()
            throw Diagnostics.fail("trap: \(error.message)")
        }
        reportFuel()
        for result in results {
            print(ValueFormatting.format(result))
        }
    }
}
