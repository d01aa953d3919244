// Produces blocks on a chain directory forever, for the kill-at-any-point test
// (Tests/KeelNodeTests/CrashTests.swift): each block holds one transfer of 1 from dev0 to
// dev1; after each commit it prints the committed height. Creates the chain when the
// directory holds none. Not a tool: the test kills it with SIGKILL at arbitrary moments.
import Foundation
import KeelNode
import KeelState

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: KeelNodeCrashProbe DIRECTORY\n".utf8))
    exit(2)
}
let directory = arguments[1]
let keys = (0..<3).map { KeyPair.development(UInt32($0)) }
let genesis = Genesis(
    parameters: ConsensusParameters(chainId: 7), startTime: 1_767_225_600, developmentKeyCount: 3,
    allocations: keys.map { Genesis.Allocation(address: $0.address, balance: 1_000_000_000_000) }, contracts: [])

do {
    let store = try LevelDBStore(path: directory, createIfMissing: true)
    let chain: Chain
    do {
        chain = try Chain.open(store: store)
    } catch ChainError.notInitialized {
        chain = try Chain.create(store: store, genesis: genesis)
    }
    while true {
        let transaction = Transaction(
            chainId: 7, nonce: try chain.nextNonce(of: keys[0].address), fuelLimit: 10_000, fuelPrice: 1,
            payload: .transfer(to: keys[1].address, amount: 1))
        try chain.admit(try transaction.signed(with: keys[0]).encoded)
        let execution = try chain.produceBlock(timestamp: chain.head.timestamp + 1, proposer: keys[2].address)
        FileHandle.standardOutput.write(Data("\(execution.block.header.height)\n".utf8))
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
