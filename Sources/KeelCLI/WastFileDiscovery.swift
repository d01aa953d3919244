import Foundation

/// Expands `keel wast`'s path arguments into script files.
enum WastFileDiscovery {
    /// Why the paths do not name scripts.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// Files stay as given; a directory becomes its `*.wast` files (not recursive) sorted by name.
    static func files(for paths: [String]) -> Result<[String], Problem> {
        let fileManager = FileManager.default
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .failure(Problem(description: "no such file or directory \"\(path)\""))
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let names = try? fileManager.contentsOfDirectory(atPath: path) else {
                return .failure(Problem(description: "cannot read directory \"\(path)\""))
            }
            let scripts = names.filter { $0.hasSuffix(".wast") }.sorted()
            let base = path.hasSuffix("/") ? path : path + "/"
            files += scripts.map { base + $0 }
        }
        guard !files.isEmpty else {
            return .failure(Problem(description: "no .wast files in \(paths.joined(separator: " "))"))
        }
        return .success(files)
    }
}
