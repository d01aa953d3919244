import Foundation
import Keel
import KeelCrypto
import KeelHost
import KeelState

/// What `keel --version` prints: the version, the commit the binary was built from when that
/// is known, the default engine and the contract ABI.
///
/// SwiftPM cannot write the commit into the binary, and asking git at run time would describe
/// the checkout as it is now, not the build. So the commit is known only for a binary installed
/// by `scripts/install.sh`: it writes `share/keel/build-info` beside `bin/keel` with the commit
/// it built and the SHA-256 of the binary it installed, and the commit is reported only when
/// that digest is this executable's (a binary copied over it, or a build-info from another
/// build, reads as unknown).
enum VersionReport {
    /// The version of this source tree.
    static let version = "0.9.0-dev"


    /// The lines `keel --version` prints.
    static func lines() -> [String] {
        let available = Backend.available.map(\.rawValue).joined(separator: ", ")
        return [
            "keel \(version)",
            "commit: \(commit())",
            "default engine: \(Backend.platformDefault.rawValue) (available: \(available))",
            "contract ABI: \(ContractHost.importModule) (fuel cost schedule v\(EngineConfiguration.contract.costSchedule.version))",
        ]
    }

    /// The commit install.sh recorded for this very binary, or `unknown (why)`.
    static func commit() -> String {
        let executable = ExecutableLocation.path
        let infoPath = ExecutableLocation.shared + "/build-info"
        guard let data = FileManager.default.contents(atPath: infoPath) else {
            return "unknown (not installed by scripts/install.sh: no \(infoPath))"
        }
        let fields = BuildInfo.fields(String(decoding: data, as: UTF8.self))
        guard let commit = fields["commit"], let digest = fields["sha256"] else {
            return "unknown (\(infoPath) has no commit and sha256 lines)"
        }
        guard let binary = FileManager.default.contents(atPath: executable), Hex.encode(SHA256.hash([UInt8](binary))) == digest.lowercased() else {
            return "unknown (\(infoPath) describes another binary than \(executable))"
        }
        return commit
    }
}

/// The `share/keel/build-info` file install.sh writes: `key value` lines (`commit`, `sha256`).
enum BuildInfo {
    /// The file's `key value` lines as a dictionary (later lines win).
    static func fields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            fields[String(line[..<space])] = line[line.index(after: space)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }
}
