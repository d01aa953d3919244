import Foundation
import Keel
import WAT

/// Reads and compiles the module file `keel run` is given.
enum ModuleFileLoading {
    /// Compiles the file at `path`: `.wat` files as text, anything else as binary. Reports
    /// an unreadable file (exit status 2) or a compile error (1) on standard error and throws the
    /// exit code.
    static func load(path: String, engine: Engine) throws -> Module {
        let data: Data
        do throws(CommandFailure) { data = try InputFiles.read(path, what: "file") } catch {
            throw Diagnostics.fail(error.description, error.code)
        }
        do throws(CompileError) {
            return try compile(data, path: path, engine: engine)
        } catch {
            throw Diagnostics.fail(error.description)
        }
    }

    /// The module file's binary form (`.wat` files converted), for reading what `Module` does
    /// not expose; the file has compiled already (``load(path:engine:)``).
    static func binary(path: String) throws -> [UInt8] {
        let data = FileManager.default.contents(atPath: path) ?? Data()
        guard path.lowercased().hasSuffix(".wat") else { return [UInt8](data) }
        do { return try wat2wasm(String(decoding: data, as: UTF8.self), features: [.referenceTypes, .multiMemory]) } catch {
            throw Diagnostics.fail("text format: \(error)")
        }
    }

    /// Compiles file contents: `.wat` paths as text, anything else as binary.
    static func compile(_ data: Data, path: String, engine: Engine) throws(CompileError) -> Module {
        if path.lowercased().hasSuffix(".wat") {
            return try Module(engine: engine, wat: String(decoding: data, as: UTF8.self))
        }
        return try Module(engine: engine, bytes: [UInt8](data))
    }
}
