import Foundation

/// Creating the folders that the paths a command writes live in, so no command fails
/// because a parent folder is missing (`keel init` in a directory without `.keel/`,
/// `--data a/b/c`, `keel export out/chain.keelchain`).
enum OutputPaths {
    /// Creates the folder `path` and every missing folder above it; returns the outermost
    /// folder it created (to remove when what follows fails), or nil when `path` existed.
    /// `what` names the path in errors (failures, exit status 1).
    static func createDirectory(_ path: String, what: String) throws(CommandFailure) -> String? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .failure("cannot create \(what) \(path): a file is in the way") }
            return nil
        }
        var outermost = path
        var above = parent(of: path)
        while !above.isEmpty, above != outermost, !fileManager.fileExists(atPath: above) {
            outermost = above
            above = parent(of: above)
        }
        do {
            try fileManager.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .failure("cannot create \(what) \(path): \(error.localizedDescription)")
        }
        return outermost
    }

    /// Creates the folders above the file or directory `path` (see ``createDirectory(_:what:)``);
    /// nil when they all existed.
    static func createParents(of path: String, what: String) throws(CommandFailure) -> String? {
        let parent = parent(of: path)
        guard !parent.isEmpty else { return nil }
        return try createDirectory(parent, what: "the folder of \(what)")
    }

    /// The folder above `path`: `a/b` of `a/b/c`, `/` of `/a`, empty for a relative path of
    /// one component. (Foundation's `deletingLastPathComponent` traps on some relative paths.)
    static func parent(of path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Removes `created` (what ``createDirectory(_:what:)`` returned), if anything.
    static func remove(_ created: String?) {
        if let created { try? FileManager.default.removeItem(atPath: created) }
    }
}
