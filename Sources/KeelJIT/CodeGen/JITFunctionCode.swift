/// One function's machine code before it is placed in its module's code memory.
package struct JITFunctionCode {
    /// A `call rel32` whose displacement is written when the module's functions are placed.
    package struct CallFixup {
        /// Offset of the 4-byte displacement in `bytes`.
        package var at: Int
        /// Index of the called function among the module's defined functions.
        package var definedFunction: Int
    }

    /// How many bytes of code the function has: its generator's code buffer holds them when
    /// `finishFunction` returns (`JITModuleCode.compile` copies them out).
    package var byteCount: Int
    package var callFixups: [CallFixup]
    package var parameterCount: Int
    package var localCount: Int
    package var resultCount: Int
    /// Value slots of the native frame (locals, operands, the saved argument pointer).
    package var frameSlots: Int
    package var stackCost: Int
}
