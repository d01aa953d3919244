import Keel

/// Decides whether a trap is the one a script expects.
enum TrapMatching {
    /// Whether `trap` is acceptable for the `expected` text: its message contains the text, or
    /// the text starts with its message (scripts sometimes add details, as in
    /// "uninitialized element 2").
    static func matches(_ trap: Trap, expected: String) -> Bool {
        trap.message.contains(expected) || (!trap.message.isEmpty && expected.hasPrefix(trap.message))
    }

    /// Nil when `trap` matches, otherwise a message naming both.
    static func mismatch(_ trap: Trap, expected: String) -> DirectiveFailure? {
        matches(trap, expected: expected) ? nil : DirectiveFailure("expected trap \"\(expected)\", got trap \"\(trap.message)\"")
    }
}
