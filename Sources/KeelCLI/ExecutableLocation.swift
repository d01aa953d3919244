import Foundation

/// Where the running `keel` binary is, to find what is installed beside it (the genesis,
/// `share/keel/build-info`) however it was started: by a path, through `PATH` or a symlink.
enum ExecutableLocation {
    /// The binary's absolute path with symlinks resolved (Linux's `/proc/self/exe`), else
    /// the path it was started by.
    static var path: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }

    /// The directory holding the binary.
    static var directory: String { OutputPaths.parent(of: path) }

    /// The installation's shared files: `PREFIX/share/keel` for a binary in `PREFIX/bin`.
    static var shared: String { OutputPaths.parent(of: directory) + "/share/keel" }
}
