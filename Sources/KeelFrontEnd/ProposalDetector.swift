import WasmParser

/// Names the WebAssembly proposal a module needs when Keel's decoder rejects it, so the error
/// says "SIMD" rather than "unexpected byte".
package enum ProposalDetector {
    static let candidates: [(WasmFeatureSet, String)] = [
        (.simd, "the SIMD proposal"),
        (.threads, "the threads proposal"),
        (.exceptionHandling, "the exception-handling proposal"),
        (.tailCall, "the tail-call proposal"),
        (.memory64, "the memory64 proposal"),
        (.functionReferences, "the function-references proposal"),
        (.gc, "the GC proposal"),
    ]

    /// The proposal whose feature flag makes the module's sections decode, if any.
    static func detect(_ bytes: [UInt8], options: FrontEndOptions) -> String? {
        for (feature, name) in candidates {
            var parser = Parser(bytes: bytes, features: options.parserFeatures.union(feature))
            do {
                while try parser.parseNext() != nil {}
                return name
            } catch {
                continue
            }
        }
        return nil
    }

    /// The proposal an instruction's leading opcode byte belongs to, if it is not in Keel's set.
    static func proposal(forOpcode byte: UInt8) -> String? {
        switch byte {
        case 0xFD: "the SIMD proposal"
        case 0xFE: "the threads proposal"
        case 0x06, 0x07, 0x08, 0x09, 0x0A, 0x18, 0x19, 0x1F: "the exception-handling proposal"
        case 0x12, 0x13, 0x15: "the tail-call proposal"
        case 0x14, 0xD4, 0xD5, 0xD6: "the function-references proposal"
        case 0xFB, 0xD3: "the GC proposal"
        default: nil
        }
    }
}
