/// Why a directive failed; the runner attaches the line.
struct DirectiveFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
