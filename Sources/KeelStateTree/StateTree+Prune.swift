import KeelState

extension StateTree {
    /// The deletes that drop every version before `version`: each node that is no part of
    /// any tree from `version` on, and its stale record. The trees at `version` and later
    /// stay whole; earlier versions then read as unknown. Like ``update(version:changes:)``,
    /// nothing is written: the caller applies the operations in its own batch.
    ///
    /// Reads only the stale records of the pruned versions (one range scan). The tree's
    /// ``cache`` forgets the deleted nodes.
    public func pruneOperations(keepingFrom version: UInt64) throws(StateTreeError) -> [WriteOperation] {
        // Records with `since <= version` sort below `stalePrefix ‖ (version + 1)`.
        let range: KeyRange
        if version == .max {
            range = .prefix([stalePrefix])
        } else {
            var bound: [UInt8] = [stalePrefix]
            BigEndian.append(version + 1, to: &bound)
            range = KeyRange(start: [stalePrefix], end: bound)
        }
        var operations: [WriteOperation] = []
        var malformed: [UInt8]? = nil
        do throws(StateError) {
            var cursor = try reader.cursor(over: range, direction: .forward)
            while let entry = try cursor.next() {
                guard entry.key.count >= 18 else {
                    malformed = entry.key
                    break
                }
                operations.append(.delete(key: [nodePrefix] + entry.key[9...]))
                if let cache, let node = NodeKey(decoding: entry.key, from: 9) { cache.evict(node) }
                operations.append(.delete(key: entry.key))
            }
        } catch {
            throw .state(error)
        }
        if let malformed {
            throw .corruptNode(key: Hex.encode(malformed), reason: "stale record key too short for a node key")
        }
        return operations
    }
}
