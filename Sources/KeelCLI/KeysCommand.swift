import ArgumentParser
import Foundation
import KeelNode
import KeelState

/// `keel keys new|list|show|import|export`: the named keys of a data directory: those in its
/// `keys/`, and the development keys of its chain's genesis (which need no key file).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the named keys of a data directory (keys/NAME.json, mode 0600; dev0... always resolve).",
        subcommands: [New.self, List.self, Show.self, Import.self, Export.self]
    )

    /// The data directory's chain's address book (it knows the development keys).
    static func book(_ options: ChainOptions) throws(CommandFailure) -> (DataDirectory, AddressBook) {
        let directory = options.directory
        return (directory, try AddressBook(directory: directory, chain: try directory.openChain()))
    }

    /// The key called `name`, or a usage error naming the keys there are.
    static func named(_ name: String, in book: AddressBook) throws(CommandFailure) -> AddressBook.NamedKey {
        guard let named = try book.lookup(name) else { throw book.unknownKey(name, what: "NAME") }
        return named
    }

    /// `keel keys new NAME`.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "new", abstract: "Create a new random secp256k1 key called NAME.")

        @OptionGroup var chainOptions: ChainOptions

        @Argument(help: "The key's name: 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit.")
        var name: String

        func run() throws {
            try Report.run(json: chainOptions.json) {
                let (directory, book) = try KeysCommand.book(chainOptions)
                try book.checkNewName(name)
                let key = Self.randomKey()
                try directory.keys.save(key, name: name, development: false)
                var report = Report()
                report.line("created key \(name): \(key.address.hex)")
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
                let (directory, book) = try KeysCommand.book(chainOptions)
                var report = Report()
                for named in book.named {
                    report.line("\(named.name)  \(named.key.address.hex)" + (named.development ? "  (development key, public)" : ""))
                }
                if book.named.isEmpty { report.line("no keys in \(directory.keys.directory)") }
                report.field("keys", .array(book.named.map { named in
                    .object([("name", .string(named.name)), ("address", .hex(named.key.address.bytes)), ("development", .bool(named.development))])
                }))
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
                let named = try KeysCommand.named(name, in: try KeysCommand.book(chainOptions).1)
                let key = named.key
                var report = Report()
                report.line("name: \(name)")
                report.line("address: \(key.address.hex)")
                report.line("public key: \(HexBytes.prefixed(key.publicKey))")
                if named.development { report.line("development key: yes (public test key, never use it for value)") }
                if `private` { report.line("private key: \(HexBytes.prefixed(key.privateKey))") }
                report.fields([
                    ("name", .string(name)), ("address", .hex(key.address.bytes)), ("publicKey", .hex(key.publicKey)),
                    ("development", .bool(named.development)),
                ])
                if `private` { report.field("privateKey", .hex(key.privateKey)) }
                return report
            }
        }
    }
}
