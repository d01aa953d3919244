import KeelHost
import KeelState
import KeelStateTree

extension WriteBatch {
    /// Adds `operation` at the end.
    mutating func append(_ operation: WriteOperation) {
        switch operation {
        case .put(let key, let value): put(key, value)
        case .delete(let key): delete(key)
        }
    }
}

/// Where a transaction is on the chain.
public struct TransactionLocation: Sendable, Hashable {
    /// The block's height.
    public var height: UInt64
    /// Its index in the block.
    public var index: Int

    /// Creates a location.
    public init(height: UInt64, index: Int) {
        self.height = height
        self.index = index
    }
}

extension Chain {
    /// The genesis the chain was created from: replay re-creates the chain from it on a
    /// fresh store and applies the recorded blocks.
    public func genesis() throws -> Genesis {
        guard let bytes = try store.get(ChainRecords.genesisKey) else { throw ChainError.corruptRecord("no genesis record") }
        do { return try Genesis.decode(bytes) } catch {
            throw ChainError.corruptRecord("genesis: \(error)")
        }
    }

    /// The committed block at `height`, or nil above the head.
    public func block(at height: UInt64) throws -> Block? {
        guard let bytes = try store.get(ChainRecords.blockKey(height)) else { return nil }
        do { return try Block.decode(bytes, limits: parameters.transactionLimits) } catch {
            throw ChainError.corruptRecord("block \(height): \(error)")
        }
    }

    /// The committed block whose hash is `hash`, or nil.
    public func block(hash: [UInt8]) throws -> Block? {
        guard let bytes = try store.get(ChainRecords.blockHashKey(hash)) else { return nil }
        return try block(at: try location(bytes, "block hash").height)
    }

    /// The receipts of the block at `height`, in transaction order, or nil above the head.
    public func receipts(at height: UInt64) throws -> [Receipt]? {
        guard let bytes = try store.get(ChainRecords.receiptsKey(height)) else { return nil }
        do { return try ChainRecords.decodeReceipts(bytes) } catch {
            throw ChainError.corruptRecord("receipts of block \(height): \(error)")
        }
    }

    /// The net state changes of each transaction of the block at `height`, in order (what
    /// each receipt's write-set hash covers), or nil above the head: for replays that name
    /// the first differing key.
    public func writeSets(at height: UInt64) throws -> [[StateChange]]? {
        guard let bytes = try store.get(ChainRecords.writeSetsKey(height)) else { return nil }
        do { return try ChainRecords.decodeWriteSets(bytes) } catch {
            throw ChainError.corruptRecord("write sets of block \(height): \(error)")
        }
    }

    /// Where the committed transaction `hash` is, or nil.
    public func location(ofTransaction hash: [UInt8]) throws -> TransactionLocation? {
        guard let bytes = try store.get(ChainRecords.transactionKey(hash)) else { return nil }
        return try location(bytes, "transaction \(Hex.encode(hash))")
    }

    /// The committed transaction `hash`, or nil.
    public func transaction(hash: [UInt8]) throws -> SignedTransaction? {
        guard let location = try location(ofTransaction: hash), let block = try block(at: location.height),
              location.index < block.transactions.count
        else { return nil }
        return try? SignedTransaction.decode(block.transactions[location.index], limits: parameters.transactionLimits)
    }

    /// The receipt of the committed transaction `hash`, or nil.
    public func receipt(ofTransaction hash: [UInt8]) throws -> Receipt? {
        guard let location = try location(ofTransaction: hash), let receipts = try receipts(at: location.height),
              location.index < receipts.count
        else { return nil }
        return receipts[location.index]
    }

    private func location(_ bytes: [UInt8], _ what: String) throws -> TransactionLocation {
        do {
            let (height, index) = try ChainRecords.decodeLocation(bytes)
            return TransactionLocation(height: height, index: index)
        } catch {
            throw ChainError.corruptRecord("\(what): \(error)")
        }
    }

    // MARK: State at the head

    /// `address`'s native balance at the head.
    public func balance(of address: ContractAddress) throws -> UInt64 {
        try NativeBalances.balance(of: address, in: store)
    }

    /// `address`'s committed nonce at the head (pending transactions not counted).
    public func nonce(of address: ContractAddress) throws -> UInt64 {
        try Nonces.nonce(of: address, in: store)
    }

    /// The code deployed at `address` at the head, or nil.
    public func code(at address: ContractAddress) throws -> [UInt8]? {
        try ContractCode.code(at: address, in: store)
    }

    /// The value of `contract`'s storage `key` at the head, or nil.
    public func storage(of contract: ContractAddress, key: [UInt8]) throws -> [UInt8]? {
        try store.get(ContractStorage.keyPrefix(for: contract) + key)
    }

    /// The value of the state key `key` (any namespace below `0xF0`) at the head, with an
    /// inclusion or absence proof that `StateTree.verify(_:key:value:root:)` checks against
    /// the head's state root alone.
    public func prove(key: [UInt8]) throws -> (value: [UInt8]?, proof: StateProof) {
        try StateCommitment.tree(store).prove(key: key, at: head.height)
    }

    /// Runs `method` of `contract` read-only against the head state (in the head's block
    /// context) and commits nothing.
    public func query(
        contract: ContractAddress, method: String, input: [UInt8] = [], sender: ContractAddress, fuel: UInt64? = nil
    ) throws -> ExecutionOutcome {
        try host.execute(
            contract: contract, method: method, input: input, sender: sender, fuel: fuel ?? parameters.fuelPerBlock, state: store,
            block: BlockContext(height: head.height, time: head.timestamp))
    }
}
