import Keel
import WAT
import WasmParser

/// Why a WAST module could not be turned into a compiled ``Module``.
enum ModuleLoadError: Error, CustomStringConvertible {
    /// The text form did not parse or encode (the WAT tool's message).
    case text(String)
    /// The engine rejected the binary.
    case compile(CompileError)

    var description: String {
        switch self {
        case .text(let message): return "text module rejected: \(message)"
        case .compile(let error): return "compile error: \(error.description)"
        }
    }
}

/// Encodes WAST module sources to binary and compiles them with the engine.
enum ModuleLoading {
    /// The features the spec suite's scripts need from the WAT parser.
    static let features: WasmFeatureSet = [.referenceTypes, .multiMemory]

    /// The binary encoding of `source`.
    static func bytes(of source: ModuleSource) -> Result<[UInt8], ModuleLoadError> {
        do throws(WatParserError) {
            switch source {
            case .binary(let bytes): return .success(bytes)
            case .text(let wat): return .success(try wat.encode())
            case .quote(let text):
                return .success(try wat2wasm(String(decoding: text, as: UTF8.self), features: features))
            }
        } catch {
            return .failure(.text(error.description))
        }
    }

    /// Compiles `source` with `engine`.
    static func compile(_ source: ModuleSource, engine: Engine) -> Result<Module, ModuleLoadError> {
        switch bytes(of: source) {
        case .failure(let error): return .failure(error)
        case .success(let bytes):
            do throws(CompileError) {
                return .success(try Module(engine: engine, bytes: bytes))
            } catch {
                return .failure(.compile(error))
            }
        }
    }
}
