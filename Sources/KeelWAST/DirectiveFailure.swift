/// Why a directive failed; the runner attaches the line.
struct DirectiveFailure: Error, CustomStringConvertible {
    let description: String
    /// The directive needs a proposal outside Keel's scope (SIMD): it is counted as skipped,
    /// with this reason, instead of failed.
    var isOutOfScope = false

    init(_ description: String) {
        self.description = description
    }

    /// A directive that cannot run because it needs a proposal Keel does not implement by design.
    static func outOfScope(_ reason: String) -> DirectiveFailure {
        var failure = DirectiveFailure(reason)
        failure.isOutOfScope = true
        return failure
    }
}
