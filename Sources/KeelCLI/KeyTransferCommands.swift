import ArgumentParser
import Foundation
import KeelNode
import KeelState

extension KeysCommand {
    /// `keel keys import NAME --private-key HEX|@FILE [--force]`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Store an existing secp256k1 private key as NAME (keys/NAME.json, mode 0600).")

        @OptionGroup var chainOptions: ChainOptions

        @Argument(help: "The key's name: 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit.")
        var name: String

        @Option(name: .customLong("private-key"), help: ArgumentHelp("The private key: 64 hex digits (optionally 0x-prefixed), or @FILE holding them (as `keel keys export` prints).", valueName: "HEX|@FILE"))
        var privateKey: String

        @Flag(name: .long, help: "Replace a stored key of the same name.")
        var force = false

        func run() throws {
            try Report.run(json: chainOptions.json) {
                let (directory, book) = try KeysCommand.book(chainOptions)
                try book.checkNewName(name)
                let key = try PrivateKeyArgument.parse(privateKey, option: "--private-key")
                let replacing = try directory.keys.load(name) != nil
                if replacing, !force {
                    throw CommandFailure.usage("a key named \(name) already exists in \(directory.keys.directory); pass --force to replace it")
                }
                try directory.keys.save(key, name: name, development: false, replacing: replacing)
                var report = Report()
                report.line("\(replacing ? "replaced" : "imported") key \(name): \(key.address.hex)")
                report.fields([
                    ("name", .string(name)), ("address", .hex(key.address.bytes)), ("publicKey", .hex(key.publicKey)), ("replaced", .bool(replacing)),
                ])
                return report
            }
        }
    }

    /// `keel keys export NAME`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Print a named key's private key (64 hex digits, 0x-prefixed), for `keel keys import` elsewhere.")

        @OptionGroup var chainOptions: ChainOptions

        @Argument(help: "The key's name (a stored key, or a development key dev0...).")
        var name: String

        func run() throws {
            try Report.run(json: chainOptions.json) {
                let named = try KeysCommand.named(name, in: try KeysCommand.book(chainOptions).1)
                var report = Report()
                report.line(HexBytes.prefixed(named.key.privateKey))
                report.fields([
                    ("name", .string(name)), ("address", .hex(named.key.address.bytes)), ("development", .bool(named.development)),
                    ("privateKey", .hex(named.key.privateKey)),
                ])
                return report
            }
        }
    }
}

/// A private key given on the command line: 64 hex digits (optionally `0x`-prefixed), or
/// `@FILE` holding them (surrounding whitespace ignored). Errors never repeat the key.
enum PrivateKeyArgument {
    /// The key pair of the private key `text` names; `option` names it in errors (usage errors).
    static func parse(_ text: String, option: String) throws(CommandFailure) -> KeyPair {
        var digits = text
        if text.hasPrefix("@") {
            let path = String(text.dropFirst())
            let data = try InputFiles.read(path, what: "the private key file")
            digits = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let byteCount = 32
        guard let bytes = HexBytes.parse(digits) else {
            let problem = HexBytes.problem(digits).map { "\($0)" } ?? "not hex digits"
            throw .usage("\(option) must be \(byteCount * 2) hex digits (a secp256k1 private key): \(problem)")
        }
        guard bytes.count == byteCount else {
            throw .usage("\(option) is \(bytes.count) byte\(bytes.count == 1 ? "" : "s") (\(bytes.count * 2) hex digits); a secp256k1 private key is \(byteCount) bytes (\(byteCount * 2) hex digits)")
        }
        do { return try KeyPair(privateKey: bytes) } catch {
            throw .usage("\(option) is not a valid secp256k1 private key (zero, or not below the curve order)")
        }
    }
}
