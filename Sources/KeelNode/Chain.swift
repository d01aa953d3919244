import Keel
import KeelCrypto
import KeelHost
import KeelState

/// A chain on a store: the head block, the state after it, the blocks and receipts before
/// it, and the transactions admitted for the next block (docs/node.md, "Embedding").
///
/// Every block is committed in one write batch (its state changes, state-root entries, the
/// block, its receipts, the transaction index and the new head), written with sync, so a
/// process killed at any moment reopens at the last committed head. No global state, no
/// threads, no clock: timestamps come from the caller. Not thread-safe: use one chain from
/// one thread at a time.
public final class Chain {
    /// The parameters fixed at genesis.
    public let parameters: ConsensusParameters
    /// The last committed block's header.
    public private(set) var head: BlockHeader
    /// The store: state (namespaces below `0xF0`) and node records (`0xF0` and above).
    public let store: any KeyValueStore
    /// The contract host transactions run on.
    public let host: ContractHost
    /// Admitted transactions, in arrival order.
    public private(set) var pending: [VerifiedTransaction] = []
    /// Hashes of `pending`: looked up, never iterated.
    private var pendingHashes: Set<[UInt8]> = []
    /// Per sender with pending transactions: how many, and their summed maximum costs
    /// (saturating). Looked up, never iterated.
    private var pendingBySender: [ContractAddress: (count: UInt64, reserved: UInt64)] = [:]

    private init(store: any KeyValueStore, parameters: ConsensusParameters, head: BlockHeader, host: ContractHost) {
        self.store = store
        self.parameters = parameters
        self.head = head
        self.host = host
    }

    // MARK: Creating and opening

    /// Creates a chain in `store` from `genesis`: funds its accounts, deploys its contracts
    /// (fee-less, by their deployers at consecutive nonces) and commits the genesis block
    /// (height 0) in one batch. Contracts run on `backend`.
    ///
    /// - Throws: ``ChainError/alreadyInitialized``, ``ChainError/genesis(_:)``,
    ///   `ConsensusParameters.UnsupportedError`, ``StateError``, `EngineError.backendUnavailable`.
    public static func create(store: any KeyValueStore, genesis: Genesis, backend: Backend = .platformDefault) throws -> Chain {
        guard try store.get(ChainRecords.headKey) == nil else { throw ChainError.alreadyInitialized }
        let parameters = try genesis.parameters.validated()
        let host = try parameters.makeHost(backend: backend)
        let overlay = StateOverlay(base: store)
        var supply: UInt64 = 0
        for allocation in genesis.allocations {
            let (sum, overflow) = supply.addingReportingOverflow(allocation.balance)
            guard !overflow else { throw ChainError.genesis("the balances sum to more than 2^64 - 1") }
            supply = sum
            let balance = try NativeBalances.balance(of: allocation.address, in: overlay)
            NativeBalances.setBalance(balance + allocation.balance, of: allocation.address, in: overlay)
        }
        let context = BlockContext(height: 0, time: genesis.startTime)
        for (contract, address) in zip(genesis.contracts, genesis.contractAddresses) {
            let nonce = try Nonces.nonce(of: contract.deployer, in: overlay)
            let outcome: ExecutionOutcome
            do {
                outcome = try host.deploy(
                    code: contract.code, at: address, sender: contract.deployer, input: contract.initInput,
                    fuel: parameters.fuelPerBlock, state: overlay, block: context)
            } catch let error as ContractHost.DeployError {
                throw ChainError.genesis("contract \(contract.name): \(error)")
            }
            guard outcome.status.isSuccess else { throw ChainError.genesis("contract \(contract.name): init \(outcome.status)") }
            overlay.apply(outcome.writeSet)
            Nonces.setNonce(nonce + 1, of: contract.deployer, in: overlay)
        }
        let changes = overlay.writeSet()
        let (root, stateWrites) = try StateCommitment.update(version: 0, changes: changes, state: store)
        let header = BlockHeader(
            chainId: parameters.chainId, height: 0, parentHash: [UInt8](repeating: 0, count: 32), timestamp: genesis.startTime,
            transactionsRoot: MerkleRoot.of([]), receiptsRoot: MerkleRoot.of([]), stateRoot: root,
            proposer: try! ContractAddress([UInt8](repeating: 0, count: 32)))  // Sound: 32 bytes.
        var batch = WriteBatch(changes)
        for write in stateWrites { batch.append(write) }
        var parametersWriter = ByteWriter()
        parameters.encode(into: &parametersWriter)
        batch.put(ChainRecords.parametersKey, parametersWriter.bytes)
        batch.put(ChainRecords.genesisKey, genesis.encoded)
        try appendRecords(of: Block(header: header, transactions: []), receipts: [], hashes: [], writeSets: [], store: store, to: &batch)
        try store.write(batch, sync: true)
        return Chain(store: store, parameters: parameters, head: header, host: host)
    }

    /// Opens the chain in `store` at its committed head, running contracts on `backend`.
    ///
    /// - Throws: ``ChainError/notInitialized``, ``ChainError/corruptRecord(_:)``, ``StateError``,
    ///   `EngineError.backendUnavailable` when this build lacks `backend`.
    public static func open(store: any KeyValueStore, backend: Backend = .platformDefault) throws -> Chain {
        guard let headRecord = try store.get(ChainRecords.headKey) else { throw ChainError.notInitialized }
        guard let parametersRecord = try store.get(ChainRecords.parametersKey) else { throw ChainError.corruptRecord("no consensus parameters") }
        let head: (height: UInt64, hash: [UInt8]), parameters: ConsensusParameters
        do throws(FormatError) {
            head = try ChainRecords.decodeHead(headRecord)
            var reader = ByteReader(parametersRecord)
            parameters = try ConsensusParameters.decode(from: &reader)
            try reader.finish("parameters")
        } catch {
            throw ChainError.corruptRecord("\(error)")
        }
        guard let blockRecord = try store.get(ChainRecords.blockKey(head.height)) else {
            throw ChainError.corruptRecord("the head block \(head.height) is missing")
        }
        let block: Block
        do throws(FormatError) { block = try Block.decode(blockRecord) } catch {
            throw ChainError.corruptRecord("head block \(head.height): \(error)")
        }
        guard block.hash == head.hash else { throw ChainError.corruptRecord("head block \(head.height) does not have the head's hash") }
        let validated = try parameters.validated()
        return Chain(store: store, parameters: validated, head: block.header, host: try validated.makeHost(backend: backend))
    }

    /// Creates a chain from `genesis` in a new LevelDB database at `directory`, its contracts
    /// running on `backend`.
    ///
    /// - Throws: as ``create(store:genesis:backend:)``, and ``StateError`` when the directory
    ///   cannot be opened (locked by another process...).
    public static func create(directory: String, genesis: Genesis, backend: Backend = .platformDefault) throws -> Chain {
        try create(store: try LevelDBStore(path: directory, createIfMissing: true), genesis: genesis, backend: backend)
    }

    /// Opens the chain in the LevelDB database at `directory`.
    ///
    /// - Throws: ``StateError/missing(path:)`` when there is no database, as
    ///   ``open(store:)`` otherwise.
    public static func open(directory: String, backend: Backend = .platformDefault) throws -> Chain {
        try open(store: try LevelDBStore(path: directory, createIfMissing: false), backend: backend)
    }

    // MARK: Admission

    /// Admits a signed transaction for the next blocks: decodes it, recovers its sender and
    /// checks chain id, nonce (the sender's next, counting its pending transactions), fuel
    /// limit and balance (after its pending transactions' maximum costs).
    ///
    /// - Returns: the verified transaction (its hash names it).
    /// - Throws: ``AdmissionError`` naming the field at fault; ``StateError``.
    @discardableResult
    public func admit(_ bytes: [UInt8]) throws -> VerifiedTransaction {
        try admit(verified: try VerifiedTransaction(bytes, limits: parameters.transactionLimits))
    }

    /// Admits a transaction already decoded and verified (``VerifiedTransaction/init(_:limits:)``
    /// is pure, so a node may verify signatures on several threads and admit in order).
    ///
    /// - Throws: ``AdmissionError`` naming the field at fault; ``StateError``.
    @discardableResult
    public func admit(verified transaction: VerifiedTransaction) throws -> VerifiedTransaction {
        guard !pendingHashes.contains(transaction.hash), try store.get(ChainRecords.transactionKey(transaction.hash)) == nil else {
            throw AdmissionError.duplicate(transaction.hash)
        }
        let earlier = pendingBySender[transaction.sender] ?? (0, 0)
        let balance = try NativeBalances.balance(of: transaction.sender, in: store)
        let nonce = try Nonces.nonce(of: transaction.sender, in: store) + earlier.count
        let cost = try Admission.check(
            transaction, parameters: parameters, nonce: nonce, balance: balance - min(balance, earlier.reserved))
        addPending(transaction, cost: cost)
        return transaction
    }

    /// The nonce `address`'s next admitted transaction must carry (its pending ones counted).
    public func nextNonce(of address: ContractAddress) throws -> UInt64 {
        try Nonces.nonce(of: address, in: store) + (pendingBySender[address]?.count ?? 0)
    }

    private func addPending(_ transaction: VerifiedTransaction, cost: UInt64) {
        pending.append(transaction)
        pendingHashes.insert(transaction.hash)
        let earlier = pendingBySender[transaction.sender] ?? (0, 0)
        let (reserved, overflow) = earlier.reserved.addingReportingOverflow(cost)
        pendingBySender[transaction.sender] = (earlier.count + 1, overflow ? .max : reserved)
    }

    // MARK: Blocks

    /// Builds the next block from the pending transactions, in arrival order, as long as
    /// their fuel limits fit the block's fuel, leaving out any that became invalid, and
    /// commits it.
    ///
    /// - Parameters:
    ///   - timestamp: the block's time (never below the head's), from the producer.
    ///   - proposer: who receives the fees.
    /// - Throws: ``ChainError/timestamp(parent:given:)``; ``StateError``.
    @discardableResult
    public func produceBlock(timestamp: UInt64, proposer: ContractAddress) throws -> BlockExecution {
        let execution = try run(pending.map { .success($0) }, raw: pending.map(\.encoded), timestamp: timestamp, proposer: proposer, producing: true)
        try commit(execution)
        return execution
    }

    /// Executes `transactions` (signed encodings, in order) as the next block on top of the
    /// head, without committing: for consensus engines that propose, vote and commit in
    /// separate steps, and for replay. A transaction that does not decode, verify or pass
    /// admission gets an `invalid` receipt and changes nothing.
    ///
    /// - Throws: ``ChainError/timestamp(parent:given:)``, ``ChainError/blockFuel(total:limit:)``;
    ///   ``StateError``.
    public func execute(transactions: [[UInt8]], timestamp: UInt64, proposer: ContractAddress) throws -> BlockExecution {
        let limits = parameters.transactionLimits
        let verified: [Result<VerifiedTransaction, AdmissionError>] = transactions.map { bytes in
            Result(catching: { () throws(AdmissionError) -> VerifiedTransaction in try VerifiedTransaction(bytes, limits: limits) })
        }
        return try run(verified, raw: transactions, timestamp: timestamp, proposer: proposer, producing: false)
    }

    /// Executes transactions already decoded and verified (possibly on several threads) as
    /// the next block, without committing; as ``execute(transactions:timestamp:proposer:)``.
    public func execute(verified transactions: [VerifiedTransaction], timestamp: UInt64, proposer: ContractAddress) throws -> BlockExecution {
        try run(transactions.map { .success($0) }, raw: transactions.map(\.encoded), timestamp: timestamp, proposer: proposer, producing: false)
    }

    /// Commits an execution of the next block in one synced write batch and makes it the
    /// head; its transactions leave the pending list.
    ///
    /// - Throws: ``ChainError/mismatch(field:block:computed:)`` when the execution is not on
    ///   top of the current head; ``StateError``.
    public func commit(_ execution: BlockExecution) throws {
        let header = execution.block.header
        guard header.height == head.height + 1, header.parentHash == head.hash else {
            throw ChainError.mismatch(field: "parentHash", block: Hex.encode(header.parentHash), computed: Hex.encode(head.hash))
        }
        try store.write(execution.batch, sync: true)
        head = header
        let included = Set(execution.transactionHashes)  // looked up, never iterated
        let remaining = pending
        (pending, pendingHashes, pendingBySender) = ([], [], [:])
        var nonces: [ContractAddress: UInt64] = [:]  // looked up, never iterated
        for transaction in remaining where !included.contains(transaction.hash) {
            // Kept while its nonce still follows the sender's committed one; the cost was
            // checked at admission and fits in u64.
            let next = try nonces[transaction.sender] ?? Nonces.nonce(of: transaction.sender, in: store)
            guard transaction.transaction.nonce == next else { continue }
            nonces[transaction.sender] = next + 1
            let fields = transaction.transaction
            addPending(transaction, cost: fields.fuelLimit * fields.fuelPrice + fields.payload.value)
        }
    }

    /// Applies a block produced elsewhere (replay, a consensus engine's decided block): checks
    /// its chain id, height and parent, executes its transactions with its timestamp and
    /// proposer, checks the computed roots against its header, and commits it.
    ///
    /// - Throws: ``ChainError/mismatch(field:block:computed:)`` naming the first header field
    ///   that differs (nothing is committed then); as ``execute(transactions:timestamp:proposer:)``.
    @discardableResult
    public func apply(block: Block) throws -> BlockExecution {
        try apply(block: block, verified: block.transactions.map { bytes in
            Result { () throws(AdmissionError) -> VerifiedTransaction in try VerifiedTransaction(bytes, limits: parameters.transactionLimits) }
        })
    }

    /// Applies a block whose transactions were already decoded and verified, in order
    /// (`verified[i]` from `block.transactions[i]`, for example by
    /// ``VerifiedTransaction/verify(_:limits:threads:)``); as ``apply(block:)``.
    ///
    /// - Throws: ``ChainError/mismatch(field:block:computed:)`` also when `verified` does not
    ///   have one result per transaction; as ``apply(block:)``.
    @discardableResult
    public func apply(block: Block, verified: [Result<VerifiedTransaction, AdmissionError>]) throws -> BlockExecution {
        let header = block.header
        func check(_ field: String, _ given: String, _ expected: String) throws {
            guard given == expected else { throw ChainError.mismatch(field: field, block: given, computed: expected) }
        }
        try check("chainId", "\(header.chainId)", "\(parameters.chainId)")
        try check("height", "\(header.height)", "\(head.height + 1)")
        try check("parentHash", Hex.encode(header.parentHash), Hex.encode(head.hash))
        try check("transactions.count", "\(block.transactions.count)", "\(verified.count)")
        for (index, (result, bytes)) in zip(verified, block.transactions).enumerated() {
            guard case .success(let transaction) = result, transaction.encoded != bytes else { continue }
            try check("transactions[\(index)]", Hex.encode(SHA256.hash(bytes)), Hex.encode(transaction.hash))
        }
        let execution = try run(verified, raw: block.transactions, timestamp: header.timestamp, proposer: header.proposer, producing: false)
        let computed = execution.block.header
        try check("transactionsRoot", Hex.encode(header.transactionsRoot), Hex.encode(computed.transactionsRoot))
        try check("receiptsRoot", Hex.encode(header.receiptsRoot), Hex.encode(computed.receiptsRoot))
        try check("stateRoot", Hex.encode(header.stateRoot), Hex.encode(computed.stateRoot))
        try commit(execution)
        return execution
    }

    /// Executes candidates in order against the head; when `producing`, leaves out those that
    /// are invalid or do not fit the block's fuel instead of recording or refusing them.
    private func run(
        _ candidates: [Result<VerifiedTransaction, AdmissionError>], raw: [[UInt8]], timestamp: UInt64, proposer: ContractAddress,
        producing: Bool
    ) throws -> BlockExecution {
        guard timestamp >= head.timestamp else { throw ChainError.timestamp(parent: head.timestamp, given: timestamp) }
        let height = head.height + 1
        let executor = TransactionExecutor(
            host: host, parameters: parameters, block: BlockContext(height: height, time: timestamp), proposer: proposer)
        let overlay = StateOverlay(base: store)
        var included: [[UInt8]] = [], hashes: [[UInt8]] = [], receipts: [Receipt] = [], writeSets: [[StateChange]] = []
        var reserved: UInt64 = 0
        for (candidate, bytes) in zip(candidates, raw) {
            let receipt: Receipt, changes: [StateChange], hash: [UInt8]
            switch candidate {
            case .failure(let error):
                if producing { continue }
                (receipt, changes, hash) = (Receipt.invalid(error.description), [], SHA256.hash(bytes))
            case .success(let transaction):
                let (sum, overflow) = reserved.addingReportingOverflow(transaction.transaction.fuelLimit)
                guard !overflow, sum <= parameters.fuelPerBlock else {
                    if producing { continue }
                    throw ChainError.blockFuel(total: overflow ? .max : sum, limit: parameters.fuelPerBlock)
                }
                (receipt, changes) = try executor.apply(transaction, to: overlay)
                if producing, case .invalid = receipt.status { continue }
                reserved = sum
                hash = transaction.hash
            }
            included.append(bytes)
            hashes.append(hash)
            receipts.append(receipt)
            writeSets.append(changes)
        }
        let changes = overlay.writeSet()
        let (root, stateWrites) = try StateCommitment.update(version: height, changes: changes, state: store)
        let header = BlockHeader(
            chainId: parameters.chainId, height: height, parentHash: head.hash, timestamp: timestamp,
            transactionsRoot: MerkleRoot.of(hashes), receiptsRoot: MerkleRoot.of(receipts.map(\.hash)), stateRoot: root, proposer: proposer)
        let block = Block(header: header, transactions: included)
        var batch = WriteBatch(changes)
        for write in stateWrites { batch.append(write) }
        try Self.appendRecords(of: block, receipts: receipts, hashes: hashes, writeSets: writeSets, store: store, to: &batch)
        return BlockExecution(
            block: block, receipts: receipts, transactionHashes: hashes, transactionWriteSets: writeSets, writeSet: changes, batch: batch)
    }

    /// Adds a block's records (block, receipts, per-transaction write sets, transaction and
    /// block-hash index) and the new head to `batch`. A transaction hash is indexed
    /// where it executed; an invalid one (which may repeat an earlier transaction's bytes)
    /// only when the hash is not indexed yet.
    private static func appendRecords(
        of block: Block, receipts: [Receipt], hashes: [[UInt8]], writeSets: [[StateChange]], store: any KeyValueReader,
        to batch: inout WriteBatch
    ) throws {
        let height = block.header.height
        batch.put(ChainRecords.blockKey(height), block.encoded)
        batch.put(ChainRecords.receiptsKey(height), ChainRecords.encodeReceipts(receipts))
        batch.put(ChainRecords.writeSetsKey(height), ChainRecords.encodeWriteSets(writeSets))
        var indexed: Set<[UInt8]> = []  // looked up, never iterated
        for (index, (hash, receipt)) in zip(hashes, receipts).enumerated() {
            if case .invalid = receipt.status {
                guard !indexed.contains(hash), try store.get(ChainRecords.transactionKey(hash)) == nil else { continue }
            }
            indexed.insert(hash)
            batch.put(ChainRecords.transactionKey(hash), ChainRecords.encodeLocation(height: height, index: index))
        }
        batch.put(ChainRecords.blockHashKey(block.hash), ChainRecords.encodeLocation(height: height, index: 0))
        batch.put(ChainRecords.headKey, ChainRecords.encodeHead(height: height, hash: block.hash))
    }
}
