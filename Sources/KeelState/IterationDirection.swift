/// The order in which a range is iterated.
public enum IterationDirection: Sendable, Hashable, CaseIterable {
    /// Ascending bytewise lexicographic key order.
    case forward
    /// Descending bytewise lexicographic key order.
    case backward
}
