import CLibFuzzer
import KeelNode

/// The decoders under test, chosen by the input's first byte. Every node object has exactly
/// one valid encoding (docs/node.md, "Encoding primitives"; chain files: "exporting an
/// imported chain gives the same bytes"), so whatever decodes must re-encode to its input.
private let decoders: [(name: String, roundTrip: @Sendable ([UInt8]) -> [UInt8]?)] = [
    ("SignedTransaction", { (try? SignedTransaction.decode($0))?.encoded }),
    ("Block", { (try? Block.decode($0))?.encoded }),
    ("Receipt", { (try? Receipt.decode($0))?.encoded }),
    ("Genesis", { (try? Genesis.decode($0))?.encoded }),
    ("ChainFile", { (try? ChainFile.decode($0))?.encoded }),
]

/// libFuzzer's entry point: decode the rest of the input with the decoder the first byte
/// names; it must not crash, and a successful decode must re-encode to the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: count - 1))
    let decoder = decoders[Int(data[0]) % decoders.count]
    if let encoded = decoder.roundTrip(bytes), encoded != bytes {
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        fatalError("fuzz-node: \(decoder.name) decodes \(bytes.count) bytes but re-encodes to \(encoded.count) different bytes: \(hex)")
    }
    return 0
}

/// The process entry point (SwiftPM links `main` to `<module>_main`): libFuzzer's driver
/// over `fuzz`.
@_cdecl("fuzz_node_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    keel_fuzzer_main(argc, argv) { data, count in fuzz(data!, count) }
}
