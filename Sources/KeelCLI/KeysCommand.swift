import ArgumentParser
import Foundation
import KeelNode
import KeelState

/// `keel keys new|list|show`: named keys in the data directory's `keys/`.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the named keys of a data directory (keys/NAME.json, mode 0600).",
        subcommands: [New.self, List.self, Show.self]
    )

    /// `keel keys new NAME`.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "new", abstract: "Create a new random secp256k1 key called NAME.")

        @OptionGroup var chainOptions: ChainOptions

        @Argument(help: "The key's name: 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit.")
        var name: String

        func run() throws {
            try Report.run(json: chainOptions.json) {
                let directory = chainOptions.directory
                guard KeyStore.isValidName(name) else {
                    throw CommandFailure.usage("\"\(name)\" is not a valid key name (1-64 letters, digits, '_', '-' or '.', starting with a letter or digit, not 64 hex digits)")
                }
                let chain = try directory.openChain()
                let names = try AddressBook(directory: directory, chain: chain)
                if names.contracts.contains(where: { $0.name == name }) {
                    throw CommandFailure.usage("\"\(name)\" names a genesis contract; choose another key name")
                }
                let key = Self.randomKey()
                try directory.keys.save(key, name: name, development: false)
                var report = Report()
                report.line("created key \(name): \(key.address)")
                report.fields([("name", .string(name)), ("address", .hex(key.address.bytes)), ("publicKey", .hex(key.publicKey))])
                return report
            }
        }

        /// A key from the system's random generator (tools only: no randomness reaches the chain).
        private static func randomKey() -> KeyPair {
            var generator = SystemRandomNumberGenerator()
            while true {
                let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
                if let key = try? KeyPair(privateKey: bytes) { return key }
            }
        }
    }

    /// `keel keys list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the named keys and their addresses.")

        @OptionGroup var chainOptions: ChainOptions

        func run() throws {
            try Report.run(json: chainOptions.json) {
                let store = chainOptions.directory.keys
                var report = Report()
                var values: [JSONValue] = []
                for name in store.names() {
                    guard let (key, entry) = try store.load(name) else { continue }
                    report.line("\(name)  \(key.address)" + (entry.development ? "  (development key, public)" : ""))
                    values.append(.object([("name", .string(name)), ("address", .hex(key.address.bytes)), ("development", .bool(entry.development))]))
                }
                if values.isEmpty { report.line("no keys in \(store.directory)") }
                report.field("keys", .array(values))
                return report
            }
        }
    }

    /// `keel keys show NAME`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a named key's address and public key (and private key with --private).")

        @OptionGroup var chainOptions: ChainOptions

        @Argument(help: "The key's name.")
        var name: String

        @Flag(name: .long, help: "Also print the private key.")
        var `private` = false

        func run() throws {
            try Report.run(json: chainOptions.json) {
                let store = chainOptions.directory.keys
                guard let (key, entry) = try store.load(name) else {
                    let known = store.names()
                    throw CommandFailure.usage("unknown key name \"\(name)\" (keys in \(store.directory): \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
                }
                var report = Report()
                report.line("name: \(name)")
                report.line("address: \(key.address)")
                report.line("public key: \(Hex.encode(key.publicKey))")
                if entry.development { report.line("development key: yes (public test key, never use it for value)") }
                if `private` { report.line("private key: \(Hex.encode(key.privateKey))") }
                report.fields([
                    ("name", .string(name)), ("address", .hex(key.address.bytes)), ("publicKey", .hex(key.publicKey)),
                    ("development", .bool(entry.development)),
                ])
                if `private` { report.field("privateKey", .hex(key.privateKey)) }
                return report
            }
        }
    }
}
