/// The block a call executes in, as contracts see it through `block_height` and
/// `block_time`. Supplied by the embedder from the block, never from a clock.
public struct BlockContext: Sendable, Hashable {
    /// The block's height.
    public var height: UInt64
    /// The block's timestamp, seconds since the Unix epoch.
    public var time: UInt64

    /// Creates a context.
    public init(height: UInt64, time: UInt64) {
        self.height = height
        self.time = time
    }
}
