import Foundation
import Keel

/// Reads and compiles the module file `keel run` is given.
enum ModuleFileLoading {
    /// Compiles the file at `path`: `.wat` files as text, anything else as binary. Reports
    /// an unreadable file or a compile error on standard error and throws the exit code.
    static func load(path: String, engine: Engine) throws -> Module {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostics.fail("cannot read file \"\(path)\"")
        }
        do throws(CompileError) {
            return try compile(data, path: path, engine: engine)
        } catch {
            throw Diagnostics.fail(error.description)
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
