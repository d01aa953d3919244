import Foundation
import KeelNode
import KeelState

/// Named secp256k1 keys in a data directory's `keys/` (docs/node.md, "Key files"): one
/// `NAME.json` per key, mode 0600, holding `{"format":1,"name":…,"address":…,"privateKey":…,
/// "development":…}` with 64-hex-digit address and private key.
struct KeyStore {
    let directory: String

    /// One key file's contents.
    struct Entry: Codable {
        var format: Int
        var name: String
        var address: String
        var privateKey: String
        var development: Bool
    }

    /// A name is 1–64 letters, digits, `_`, `-` or `.`, starting with a letter or digit, and
    /// not 64 hex digits (those are addresses).
    static func isValidName(_ name: String) -> Bool {
        func isLetterOrDigit(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 64, isLetterOrDigit(first) else { return false }
        let allowed = bytes.allSatisfy { isLetterOrDigit($0) || $0 == 0x5F || $0 == 0x2D || $0 == 0x2E }
        return allowed && HexBytes.parse(name)?.count != ContractAddress.byteCount
    }

    private func file(_ name: String) -> String { directory + "/" + name + ".json" }

    /// The key called `name`, or nil when there is none.
    func load(_ name: String) throws(CommandFailure) -> (key: KeyPair, entry: Entry)? {
        guard Self.isValidName(name), let data = FileManager.default.contents(atPath: file(name)) else { return nil }
        guard let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.format == 1,
              let bytes = HexBytes.parse(entry.privateKey), let key = try? KeyPair(privateKey: bytes)
        else { throw .failure("key file \(file(name)) is corrupt (expected a format-1 key file, docs/node.md)") }
        return (key, entry)
    }

    /// The names of the stored keys, sorted.
    func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.filter(Self.isValidName).sorted()
    }

    /// Writes `key` as `name` (mode 0600, in a directory of mode 0700). Fails when the name
    /// is taken, unless `replacing`: then the old file is replaced atomically (a new file
    /// renamed over it), so a failure leaves the old key in place.
    func save(_ key: KeyPair, name: String, development: Bool, replacing: Bool = false) throws(CommandFailure) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .failure("cannot create the key directory \(directory): \(error.localizedDescription)")
        }
        let text = JSONValue.object([
            ("format", .uint(1)), ("name", .string(name)), ("address", .string(Hex.encode(key.address.bytes))),
            ("privateKey", .string(Hex.encode(key.privateKey))), ("development", .bool(development)),
        ]).text + "\n"
        let target = file(name)
        let written = replacing ? target + ".new" : target
        if replacing { unlink(written) }  // a leftover of a replacement that failed
        let descriptor = open(written, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .usage("a key named \(name) already exists in \(directory)") }
            throw .failure("cannot write the key file \(written): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let complete = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == bytes.count && fsync(descriptor) == 0
        close(descriptor)
        guard complete else {
            unlink(written)
            throw .failure("cannot write the key file \(written): \(String(cString: strerror(errno)))")
        }
        if replacing, rename(written, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(written)
            throw .failure("cannot replace the key file \(target): \(reason)")
        }
    }
}
