/// The machine code a module's functions were compiled to (`keel inspect --engine jit`).
package struct MachineCodeSummary: Sendable, Equatable {
    /// One defined function's code.
    package struct Function: Sendable, Equatable {
        /// Function index (imports first).
        package let index: Int
        /// Offset of the code in the module's code memory.
        package let offset: Int
        /// Bytes of machine code.
        package let byteCount: Int
    }

    /// Every defined function that was compiled, in index order.
    package let functions: [Function]

    /// Bytes of machine code of all functions (without alignment padding).
    package var totalBytes: Int { functions.reduce(0) { $0 + $1.byteCount } }
}

/// Why a function's machine code cannot be listed.
package enum MachineCodeError: Error, Equatable, CustomStringConvertible {
    /// The module was compiled by a backend that produces no machine code.
    case notCompiled(backend: String)
    /// The function is imported: it has no code in this module.
    case imported(Int, importedCount: Int)
    /// No function has this index.
    case outOfRange(Int, functionCount: Int)

    package var description: String {
        switch self {
        case .notCompiled(let backend): "the \(backend) backend compiles no machine code (use --engine jit)"
        case .imported(let index, let count):
            "function \(index) is imported (functions 0...\(count - 1) are imports): it has no machine code in this module"
        case .outOfRange(let index, let count):
            count == 0 ? "function \(index) does not exist: the module has no functions"
                : "function \(index) does not exist: the module has \(count) functions (0...\(count - 1))"
        }
    }
}
