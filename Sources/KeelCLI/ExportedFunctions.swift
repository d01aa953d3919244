import WasmParser

/// The function indices of a module's exports (Keel's `Module` lists exports by name and
/// type only), read from the binary's export section with WasmKit's parser.
enum ExportedFunctions {
    /// The index, in the function index space (imports first), of the function `bytes`
    /// exports as `name`; nil when it exports no function by that name. Names compare by
    /// their UTF-8 bytes, as WebAssembly's do.
    static func index(of name: String, in bytes: [UInt8]) -> Int? {
        var parser = Parser(bytes: bytes, features: [.referenceTypes, .multiMemory])
        while let payload = try? parser.parseNext() {
            guard case .exportSection(let exports) = payload else { continue }
            for export in exports where export.name.utf8.elementsEqual(name.utf8) {
                if case .function(let index) = export.descriptor { return Int(index) }
            }
            return nil
        }
        return nil
    }
}
