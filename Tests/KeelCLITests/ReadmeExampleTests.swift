import Foundation
import KeelNode
import XCTest

/// The README's `import KeelNode` example compiles and runs here, and the README shows
/// exactly these lines (between the markers), so neither can drift from the other.
final class ReadmeExampleTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testEmbeddingExampleRuns() throws {
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(Self.repository.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        // README example begin
        let genesis = try Genesis.load(path: "genesis/dev.json")  // code paths: relative to the directory above genesis/
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keel-readme-\(UUID().uuidString)").path
        let chain = try Chain.create(directory: directory, genesis: genesis)  // a new directory; later: Chain.open(directory:)
        let dev0 = KeyPair.development(0), dev1 = KeyPair.development(1)  // public test keys: NOT secret
        let transfer = Transaction(
            chainId: chain.parameters.chainId, nonce: try chain.nextNonce(of: dev0.address), fuelLimit: 100_000, fuelPrice: 1,
            payload: .transfer(to: dev1.address, amount: 10))
        let admitted = try chain.admit(try transfer.signed(with: dev0).encoded)  // AdmissionError names the field at fault
        let execution = try chain.produceBlock(timestamp: chain.head.timestamp + 1, proposer: dev0.address)
        let receipt = try chain.receipt(ofTransaction: admitted.hash)!
        print(execution.block.header.height, receipt.status, receipt.fuelUsed)  // 1 success 6390
        print(try chain.balance(of: dev1.address))  // 1000000000000010
        // README example end
        defer { try? FileManager.default.removeItem(atPath: directory) }
        XCTAssertEqual(execution.block.header.height, 1)
        XCTAssertEqual(receipt.status, .success)
        XCTAssertEqual(receipt.fuelUsed, 6390)
        XCTAssertEqual(try chain.balance(of: dev1.address), 1_000_000_000_000_010)
    }

    func testReadmeShowsTheExample() throws {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8).components(separatedBy: "\n")
        let begin = try XCTUnwrap(source.firstIndex { $0.hasSuffix("// README example begin") })
        let end = try XCTUnwrap(source.firstIndex { $0.hasSuffix("// README example end") })
        let indent = source[begin].prefix { $0 == " " }.count
        let example = ["import Foundation", "import KeelNode", ""] + source[(begin + 1)..<end].map { String($0.dropFirst(indent)) }

        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8).components(separatedBy: "\n")
        let marker = try XCTUnwrap(readme.firstIndex { $0.contains("<!-- embedding example: Tests/KeelCLITests/ReadmeExampleTests.swift -->") })
        XCTAssertEqual(readme[marker + 1], "```swift")
        let close = try XCTUnwrap(readme[(marker + 2)...].firstIndex(of: "```"))
        XCTAssertEqual(Array(readme[(marker + 2)..<close]), example, "README.md's embedding example differs from this test's")
    }
}
