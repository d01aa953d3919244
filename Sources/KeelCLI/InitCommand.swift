import ArgumentParser
import Foundation
import KeelNode
import KeelState

/// `keel init`: creates a local chain from a genesis file in a data directory and writes the
/// development keys next to it.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a local development chain from a genesis file.",
        discussion: """
            Without --genesis, reads $KEEL_GENESIS, else genesis/dev.json under the current \
            directory, else genesis/dev.json of the repository the keel binary was built in. \
            Contract code paths in the genesis are relative to --root, by default the directory \
            above the genesis file's (the repository root for genesis/dev.json). \
            The development keys dev0, dev1, ... are written to the data directory's keys/; \
            they are public test keys.
            """
    )

    @OptionGroup var chainOptions: ChainOptions

    @Option(name: .long, help: "The genesis file (format: docs/node.md).")
    var genesis: String?

    @Option(name: .long, help: "The directory contract code paths are relative to (default: the directory above the genesis file's).")
    var root: String?

    @Option(name: .long, help: "Who proposes the blocks the CLI mines and receives the fees: a key name or 64 hex digits.")
    var proposer = "dev0"

    @OptionGroup var backend: BackendOption

    @Flag(name: .long, help: "Replace an existing chain in the data directory (its other named keys are kept).")
    var force = false

    func run() throws {
        try Report.run(json: chainOptions.json) { try initialise() }
    }

    private func initialise() throws(CommandFailure) -> Report {
        let directory = chainOptions.directory
        let genesisPath = try GenesisLocation.resolve(genesis)
        _ = try InputFiles.read(genesisPath, what: "the genesis file")
        let loaded: Genesis
        do { loaded = try Genesis.load(path: genesisPath, repository: root) } catch {
            throw .failure(error.description)
        }
        let isDevelopmentKey = (0..<loaded.developmentKeyCount).contains { "dev\($0)" == proposer }
        let isStoredKey = try directory.keys.load(proposer) != nil
        guard HexBytes.parse(proposer)?.count == ContractAddress.byteCount || isDevelopmentKey || isStoredKey else {
            throw .usage("--proposer \"\(proposer)\" is not a development key of the genesis (dev0...dev\(max(loaded.developmentKeyCount - 1, 0))), a key name or 64 hex digits")
        }
        try prepare(directory)
        let created = try OutputPaths.createParents(of: directory.path, what: "the data directory")
        let chain: Chain
        do { chain = try Chain.create(directory: directory.path, genesis: loaded, backend: backend.engine) } catch {
            OutputPaths.remove(created)
            throw directory.describe(error)
        }
        for (index, key) in loaded.developmentKeys.enumerated() where (try? directory.keys.load("dev\(index)")) == nil {
            try directory.keys.save(key, name: "dev\(index)", development: true)
        }
        try directory.save(DataDirectory.Settings(format: 1, proposer: proposer))
        return describe(chain, loaded, genesisPath: genesisPath, directory: directory)
    }

    /// Refuses to replace a chain without --force, and anything that is not a keel data
    /// directory even with it; with --force, removes the old database (keeping keys/).
    private func prepare(_ directory: DataDirectory) throws(CommandFailure) {
        let fileManager = FileManager.default
        guard directory.exists else { return }
        let entries = (try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []
        if entries.isEmpty { return }
        guard directory.holdsChain else {
            throw .usage("\(directory.path) exists and is not a keel data directory; choose a new or empty directory")
        }
        guard force else {
            do { _ = try Chain.open(directory: directory.path) } catch ChainError.notInitialized, StateError.missing {
                return  // a database without a chain (an earlier init that failed): reused
            } catch StateError.locked(let path, let message) {
                throw directory.describe(StateError.locked(path: path, message: message))
            } catch {
                throw .failure("\(directory.describe(error)); `keel init --force` replaces it")
            }
            throw .failure("a chain already exists in \(directory.path); pass --force to replace it")
        }
        // Take the database's lock first, so a chain another process uses is not removed.
        do { _ = try LevelDBStore(path: directory.path, createIfMissing: false) } catch StateError.locked {
            throw directory.describe(StateError.locked(path: directory.path, message: ""))
        } catch {}
        for entry in (try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? [] where entry != "keys" {
            do { try fileManager.removeItem(atPath: directory.path + "/" + entry) } catch {
                throw .failure("cannot remove \(directory.path)/\(entry): \(error.localizedDescription)")
            }
        }
    }

    private func describe(_ chain: Chain, _ genesis: Genesis, genesisPath: String, directory: DataDirectory) -> Report {
        var report = Report()
        let head = chain.head
        report.line("initialised chain \(head.chainId) in \(directory.path) from \(genesisPath)")
        report.line("genesis block: 0x\(Hex.encode(head.hash)) (time \(head.timestamp), state root 0x\(Hex.encode(head.stateRoot)))")
        report.line("proposer: \(proposer)")
        let keys = genesis.developmentKeys
        let balances = keys.map { key in genesis.allocations.first { $0.address == key.address }?.balance ?? 0 }
        report.line("development accounts:")
        for (index, key) in keys.enumerated() { report.line("  dev\(index)  \(key.address.hex)  balance \(balances[index])") }
        if !keys.isEmpty {
            report.line("private keys (WARNING: these keys are public test keys, derived from a published seed; never use them for value):")
            for (index, key) in keys.enumerated() { report.line("  dev\(index)  \(HexBytes.prefixed(key.privateKey))") }
        }
        report.line("contracts:")
        let width = genesis.contracts.map(\.name.count).max() ?? 0
        for (contract, address) in zip(genesis.contracts, genesis.contractAddresses) {
            report.line("  \(contract.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(address.hex)")
        }
        report.fields([
            ("dataDirectory", .string(directory.path)), ("genesis", .string(genesisPath)), ("chainId", .uint(head.chainId)),
            ("height", .uint(head.height)), ("blockHash", .hex(head.hash)), ("stateRoot", .hex(head.stateRoot)),
            ("timestamp", .uint(head.timestamp)), ("proposer", .string(proposer)),
            ("warning", .string("the development keys are public test keys: never use them for value")),
            ("accounts", .array(keys.enumerated().map { index, key in
                .object([("name", .string("dev\(index)")), ("address", .hex(key.address.bytes)), ("balance", .uint(balances[index])),
                         ("privateKey", .hex(key.privateKey))])
            })),
            ("contracts", .array(zip(genesis.contracts, genesis.contractAddresses).map { contract, address in
                .object([("name", .string(contract.name)), ("address", .hex(address.bytes))])
            })),
        ])
        return report
    }
}

/// Where `keel init` finds its genesis file.
enum GenesisLocation {
    /// The given path, else `$KEEL_GENESIS`, else `genesis/dev.json` under the current
    /// directory, else that of the repository holding the keel executable (up to six
    /// directories above it), else the one `scripts/install.sh` installed beside it
    /// (`PREFIX/share/keel/genesis/dev.json`).
    static func resolve(_ given: String?) throws(CommandFailure) -> String {
        if let given { return given }
        if let path = ProcessInfo.processInfo.environment["KEEL_GENESIS"], !path.isEmpty { return path }
        let local = "genesis/dev.json"
        if FileManager.default.fileExists(atPath: local) { return local }
        var directory = ExecutableLocation.directory
        for _ in 0..<6 where !directory.isEmpty {
            let candidate = directory + "/" + local
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            directory = directory == "/" ? "" : OutputPaths.parent(of: directory)
        }
        let installed = ExecutableLocation.shared + "/" + local
        if FileManager.default.fileExists(atPath: installed) { return installed }
        throw .usage("no genesis file: give --genesis FILE (or set $KEEL_GENESIS); genesis/dev.json is not in the current directory")
    }
}
