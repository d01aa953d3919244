import Keel

/// The numeric instructions by shape, as encoded opcodes (the 0xFC prefix included), so the
/// body generator can pick one that fits the operand types it has.
enum NumericOps {
    /// One instruction: its encoding, operand types and result type.
    struct Op {
        let code: [UInt8]
        let operands: [ValueType]
        let result: ValueType
    }

    static let numericTypes: [ValueType] = [.i32, .i64, .f32, .f64]

    /// Every numeric instruction, indexed by result type for `producing(_:)`.
    static let byResult: [ValueType: [Op]] = {
        var all: [Op] = []
        func add(_ codes: ClosedRange<UInt8>, _ operands: [ValueType], _ result: ValueType) {
            for code in codes { all.append(Op(code: [code], operands: operands, result: result)) }
        }
        func add(_ code: [UInt8], _ operands: [ValueType], _ result: ValueType) {
            all.append(Op(code: code, operands: operands, result: result))
        }
        add(0x45...0x45, [.i32], .i32)
        add(0x46...0x4F, [.i32, .i32], .i32)
        add(0x50...0x50, [.i64], .i32)
        add(0x51...0x5A, [.i64, .i64], .i32)
        add(0x5B...0x60, [.f32, .f32], .i32)
        add(0x61...0x66, [.f64, .f64], .i32)
        add(0x67...0x69, [.i32], .i32)
        add(0x6A...0x78, [.i32, .i32], .i32)
        add(0x79...0x7B, [.i64], .i64)
        add(0x7C...0x8A, [.i64, .i64], .i64)
        add(0x8B...0x91, [.f32], .f32)
        add(0x92...0x98, [.f32, .f32], .f32)
        add(0x99...0x9F, [.f64], .f64)
        add(0xA0...0xA6, [.f64, .f64], .f64)
        add(0xA7...0xA7, [.i64], .i32)
        add(0xA8...0xA9, [.f32], .i32)
        add(0xAA...0xAB, [.f64], .i32)
        add(0xAC...0xAD, [.i32], .i64)
        add(0xAE...0xAF, [.f32], .i64)
        add(0xB0...0xB1, [.f64], .i64)
        add(0xB2...0xB3, [.i32], .f32)
        add(0xB4...0xB5, [.i64], .f32)
        add(0xB6...0xB6, [.f64], .f32)
        add(0xB7...0xB8, [.i32], .f64)
        add(0xB9...0xBA, [.i64], .f64)
        add(0xBB...0xBB, [.f32], .f64)
        add(0xBC...0xBC, [.f32], .i32)
        add(0xBD...0xBD, [.f64], .i64)
        add(0xBE...0xBE, [.i32], .f32)
        add(0xBF...0xBF, [.i64], .f64)
        add(0xC0...0xC1, [.i32], .i32)
        add(0xC2...0xC4, [.i64], .i64)
        add([0xFC, 0x00], [.f32], .i32)
        add([0xFC, 0x01], [.f32], .i32)
        add([0xFC, 0x02], [.f64], .i32)
        add([0xFC, 0x03], [.f64], .i32)
        add([0xFC, 0x04], [.f32], .i64)
        add([0xFC, 0x05], [.f32], .i64)
        add([0xFC, 0x06], [.f64], .i64)
        add([0xFC, 0x07], [.f64], .i64)
        return Dictionary(grouping: all, by: \.result)
    }()

    /// The instructions whose result is `type`.
    static func producing(_ type: ValueType) -> [Op] { byResult[type] ?? [] }

    /// A load: opcode, natural alignment (log2) and the loaded type.
    struct Load { let code: UInt8; let alignment: Int; let result: ValueType }
    /// A store: opcode, natural alignment (log2) and the stored type.
    struct Store { let code: UInt8; let alignment: Int; let operand: ValueType }

    static let loads: [Load] = [
        Load(code: 0x28, alignment: 2, result: .i32), Load(code: 0x29, alignment: 3, result: .i64),
        Load(code: 0x2A, alignment: 2, result: .f32), Load(code: 0x2B, alignment: 3, result: .f64),
        Load(code: 0x2C, alignment: 0, result: .i32), Load(code: 0x2D, alignment: 0, result: .i32),
        Load(code: 0x2E, alignment: 1, result: .i32), Load(code: 0x2F, alignment: 1, result: .i32),
        Load(code: 0x30, alignment: 0, result: .i64), Load(code: 0x31, alignment: 0, result: .i64),
        Load(code: 0x32, alignment: 1, result: .i64), Load(code: 0x33, alignment: 1, result: .i64),
        Load(code: 0x34, alignment: 2, result: .i64), Load(code: 0x35, alignment: 2, result: .i64),
    ]

    static let stores: [Store] = [
        Store(code: 0x36, alignment: 2, operand: .i32), Store(code: 0x37, alignment: 3, operand: .i64),
        Store(code: 0x38, alignment: 2, operand: .f32), Store(code: 0x39, alignment: 3, operand: .f64),
        Store(code: 0x3A, alignment: 0, operand: .i32), Store(code: 0x3B, alignment: 1, operand: .i32),
        Store(code: 0x3C, alignment: 0, operand: .i64), Store(code: 0x3D, alignment: 1, operand: .i64),
        Store(code: 0x3E, alignment: 2, operand: .i64),
    ]
}
