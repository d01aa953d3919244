import Dispatch

extension VerifiedTransaction {
    /// Decodes and verifies `encodings` (``init(_:limits:)`` for each) on up to `threads`
    /// threads, and returns the results in the order of `encodings`, whatever the
    /// threads' timing: result `i` is always the verification of `encodings[i]`.
    ///
    /// Verification is pure, so the results are exactly those of a sequential loop; the
    /// caller admits or executes them in order (``Chain/execute(verified:timestamp:proposer:)``,
    /// ``Chain/apply(block:verified:)``). This is the only node API that starts threads, and
    /// only when asked to (`threads` > 1); they end before it returns.
    public static func verify(
        _ encodings: [[UInt8]], limits: TransactionLimits = .v1, threads: Int
    ) -> [Result<VerifiedTransaction, AdmissionError>] {
        @Sendable func verifyOne(_ bytes: [UInt8]) -> Result<VerifiedTransaction, AdmissionError> {
            Result { () throws(AdmissionError) -> VerifiedTransaction in try VerifiedTransaction(bytes, limits: limits) }
        }
        let workers = min(max(threads, 1), encodings.count)
        guard workers > 1 else { return encodings.map(verifyOne) }
        var slots = [Result<VerifiedTransaction, AdmissionError>?](repeating: nil, count: encodings.count)
        slots.withUnsafeMutableBufferPointer { buffer in
            // Sound: every index is written by exactly one worker (the chunks are disjoint), the
            // buffer outlives `concurrentPerform` (which returns after every worker ended), and
            // nothing reads it until then.
            nonisolated(unsafe) let output = buffer
            let chunk = (encodings.count + workers - 1) / workers
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let start = worker * chunk
                for index in start..<min(start + chunk, encodings.count) {
                    output[index] = verifyOne(encodings[index])
                }
            }
        }
        // Sound: every slot was filled above (the chunks cover 0..<count).
        return slots.map { $0! }
    }
}
