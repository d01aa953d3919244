import Foundation
import Keel
import KeelNode
import KeelState

/// A chain's data directory (docs/node.md, "The local chain"): the LevelDB database itself
/// (so `Chain.open(directory:)` opens it), plus `keel.json` (the CLI's settings: the
/// proposer) and `keys/` (one file per named key, mode 0600).
struct DataDirectory {
    /// Where chain commands look without `--data` or `$KEEL_DATA`.
    static let defaultPath = ".keel/chain"

    let path: String

    var configPath: String { path + "/keel.json" }
    var keys: KeyStore { KeyStore(directory: path + "/keys") }

    /// The CLI's settings in `keel.json`.
    struct Settings: Codable {
        /// Always 1.
        var format: Int
        /// The key name or address that proposes the blocks the CLI mines (receives the fees).
        var proposer: String
    }

    /// Whether anything is at `path`.
    var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Whether the directory looks like a LevelDB database or a keel data directory (what
    /// `init --force` may replace).
    var holdsChain: Bool {
        FileManager.default.fileExists(atPath: path + "/CURRENT") || FileManager.default.fileExists(atPath: configPath)
    }

    /// The settings, or the defaults (proposer dev0) when `keel.json` is missing.
    func settings() throws(CommandFailure) -> Settings {
        guard let data = FileManager.default.contents(atPath: configPath) else { return Settings(format: 1, proposer: "dev0") }
        guard let settings = try? JSONDecoder().decode(Settings.self, from: data), settings.format == 1 else {
            throw .failure("the data directory \(path) is corrupt: \(configPath) is not a format-1 settings file")
        }
        return settings
    }

    /// Writes `settings` to `keel.json`.
    func save(_ settings: Settings) throws(CommandFailure) {
        let text = JSONValue.object([("format", .uint(UInt64(settings.format))), ("proposer", .string(settings.proposer))]).text + "\n"
        guard FileManager.default.createFile(atPath: configPath, contents: Data(text.utf8)) else {
            throw .failure("cannot write \(configPath)")
        }
    }

    /// Opens the chain, contracts running on `backend`; every way this can fail becomes one
    /// sentence naming the directory.
    func openChain(backend: Backend = .platformDefault) throws(CommandFailure) -> Chain {
        guard exists else { throw notInitialised }
        do {
            return try Chain.open(directory: path, backend: backend)
        } catch {
            throw describe(error)
        }
    }

    private var notInitialised: CommandFailure {
        .failure("no chain in \(path): run `keel init\(path == Self.defaultPath ? "" : " --data \(path)")` first")
    }

    /// `error` from opening or reading the chain, as a failure naming the directory.
    func describe(_ error: any Error) -> CommandFailure {
        switch error {
        case let failure as CommandFailure: return failure
        case StateError.missing, ChainError.notInitialized: return notInitialised
        case StateError.locked:
            return .failure("the data directory \(path) is in use by another keel process (its LevelDB LOCK is held); wait for it to finish")
        case StateError.corrupt(_, let message):
            return .failure("the data directory \(path) is corrupt: \(message)")
        case ChainError.corruptRecord(let message):
            return .failure("the data directory \(path) is corrupt: \(message)")
        case EngineError.backendUnavailable(let backend):
            return .failure("--engine \(backend.rawValue): the \(backend.rawValue) backend is not available in this build (use --engine interp)")
        case let error as StateError:
            return .failure("cannot use the data directory \(path): \(error)")
        default:
            return .failure("\(path): \(error)")
        }
    }
}

extension DataDirectory {
    /// The data directory every chain command uses: `option` (`--data`), else `$KEEL_DATA`,
    /// else ``defaultPath``.
    static func path(option: String?) -> String {
        if let option { return option }
        if let environment = ProcessInfo.processInfo.environment["KEEL_DATA"], !environment.isEmpty { return environment }
        return defaultPath
    }
}
