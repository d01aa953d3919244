import Keel
import KeelState

extension ChainFile {
    /// Rebuilds the chain in `store` (empty) by creating it from the file's genesis and
    /// re-executing every block, verifying each against what the file records (header roots,
    /// receipts, write sets) before committing it.
    ///
    /// - Returns: the chain at the file's head.
    /// - Throws: ``ReplayError/divergence(_:)`` naming the first block that does not
    ///   re-execute as recorded (the store then holds the chain up to the block before);
    ///   ``ChainError/alreadyInitialized``; as ``Replay/run(_:options:progress:)``.
    public func importChain(
        into store: any KeyValueStore, backend: Backend = .platformDefault, progress: (ReplayProgress) -> Void = { _ in }
    ) throws -> Chain {
        let run = try ReplayRun(history: self, options: ReplayOptions(backends: [backend], makeStore: { _ in store }))
        let report = try run.run(progress: progress)
        if let divergence = report.divergence { throw ReplayError.divergence(divergence) }
        return run.chains[0]
    }
}
