/// Counts the locals a module's function bodies declare, from the raw bytes, before the
/// decoder expands them: a body declares thousands of locals in three bytes, and the decoder
/// holds every body's locals one value each. `ResourceLimits.localsPerFunction` and
/// `localsPerModule` are checked here, so a module of tiny bodies declaring many locals is
/// refused in time and memory linear in its bytes. Anything malformed is left to the decoder,
/// which reports it.
enum LocalDeclarationScan {
    /// Throws the first limit the code section's declarations pass.
    static func check(_ bytes: [UInt8], limits: ResourceLimits) throws(CompileError) {
        var reader = Reader(bytes: bytes, position: 8)
        guard bytes.count >= 8 else { return }
        while reader.position < bytes.count {
            guard let id = reader.byte(), let size = reader.leb(), let end = reader.advanced(by: size) else { return }
            guard id == 10 else {
                reader.position = end
                continue
            }
            guard let count = reader.leb() else { return }
            var total = 0
            for function in 0..<count {
                let bodyStart = reader.position
                guard let bodySize = reader.leb(), let bodyEnd = reader.advanced(by: bodySize), let groups = reader.leb() else { return }
                var declared = 0
                for _ in 0..<groups {
                    guard let n = reader.leb(), reader.byte() != nil else { return }
                    declared += n
                    // Parameters come on top of these, so this is checked again, exactly, later.
                    try limits.check(declared, against: limits.localsPerFunction, "locals", offset: bodyStart, functionIndex: nil)
                }
                total += declared
                try limits.check(total, against: limits.localsPerModule, "locals in the module (function body \(function))", offset: bodyStart)
                reader.position = bodyEnd
            }
            return
        }
    }

    /// A cursor over the bytes; every read returns nil past the end or on an overlong LEB128.
    struct Reader {
        let bytes: [UInt8]
        var position: Int

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        /// An unsigned LEB128 of at most 32 bits.
        mutating func leb() -> Int? {
            var result = 0, shift = 0
            while shift < 35 {
                guard let b = byte() else { return nil }
                result |= Int(b & 0x7F) << shift
                if b & 0x80 == 0 { return result }
                shift += 7
            }
            return nil
        }

        /// The position `count` bytes on, if inside the bytes.
        func advanced(by count: Int) -> Int? {
            let end = position + count
            return end <= bytes.count ? end : nil
        }
    }
}
