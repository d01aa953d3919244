import Keel
import WAT

/// Turns the constants of a WAST `invoke` into engine values.
enum ArgumentConversion {
    /// The engine value for `constant`, or a message saying why there is none.
    static func value(for constant: WASTConstValue) -> Result<Value, DirectiveFailure> {
        switch constant {
        case .i32(let bits): return .success(.i32(bits))
        case .i64(let bits): return .success(.i64(bits))
        case .f32(let bits): return .success(.f32(bits))
        case .f64(let bits): return .success(.f64(bits))
        case .refNull(let heapType):
            // `ref.null extern` (and `noextern`) is the null externref; every other heap type
            // Keel knows of is a function type.
            switch heapType {
            case .abstract(.externRef), .abstract(.noExtern): return .success(.externref(nil))
            default: return .success(.funcref(nil))
            }
        case .refExtern(let payload): return .success(.externref(payload))
        case .refFunc: return .failure(DirectiveFailure("ref.func arguments are not supported"))
        case .refHost: return .failure(DirectiveFailure("ref.host arguments are not supported"))
        case .v128: return .failure(DirectiveFailure("v128 arguments are not supported"))
        }
    }

    /// The engine values for `constants`, or the first reason one cannot be converted.
    static func values(for constants: [WASTConstValue]) -> Result<[Value], DirectiveFailure> {
        var values: [Value] = []
        for constant in constants {
            switch value(for: constant) {
            case .success(let value): values.append(value)
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(values)
    }
}
