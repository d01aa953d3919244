import Keel

/// Turns fuzzer bytes into a valid module (the counterpart of wasm-smith for Keel): a few
/// functions of random multi-value signatures, mutable globals, one memory, one funcref
/// table, active and passive data and element segments, and bodies from ``BodyGenerator``.
/// Every function, the memory and every global are exported.
public struct ModuleGenerator: Sendable {
    public let options: GeneratorOptions

    /// A generator with `options`.
    public init(options: GeneratorOptions = GeneratorOptions()) {
        self.options = options
    }

    /// The module `bytes` describe.
    public func generate(_ bytes: [UInt8]) -> GeneratedModule {
        let context = GenerationContext(input: FuzzInput(bytes), layout: ModuleLayout(), options: options)
        declare(in: context)
        let bodies = (0..<context.layout.functionTypes.count).map { BodyGenerator(context: context, functionIndex: $0).generate() }
        let calls = (0..<context.layout.functionTypes.count).map { index in
            GeneratedModule.Call(
                export: "f\(index)",
                arguments: context.layout.signature(ofFunction: index).parameters.map { argument($0, &context.input) })
        }
        return GeneratedModule(bytes: ModuleEncoder(layout: context.layout, bodies: bodies).encode(), calls: calls)
    }

    /// Chooses the module-level entities.
    private func declare(in context: GenerationContext) {
        var layout = ModuleLayout()
        let functionCount = context.input.int(1...options.maxFunctions)
        let signatureCount = context.input.int(1...min(4, functionCount))
        var signatures: [Int] = []
        for _ in 0..<signatureCount {
            let parameters = types(maximum: context.input.chance(30) ? 12 : 4, &context.input)
            let results = types(maximum: 3, &context.input)
            signatures.append(layout.index(of: FunctionType(parameters: parameters, results: results)))
        }
        layout.functionTypes = (0..<functionCount).map { _ in context.input.pick(signatures) }
        for _ in 0..<context.input.int(0...4) {
            let type = pickType(&context.input)
            layout.globals.append(.init(type: type, mutable: context.input.chance(200), initial: context.input.pick(Self.initials(type))))
        }
        layout.memoryMinimum = context.input.pick([0, 1, 1, 1, 2])
        layout.memoryMaximum = context.input.chance(128) ? layout.memoryMinimum + context.input.int(0...3) : nil
        layout.tableMinimum = context.input.int(0...8)
        layout.tableMaximum = context.input.chance(100) ? layout.tableMinimum + context.input.int(0...4) : nil
        layout.elementOffset = context.input.int(0...min(2, layout.tableMinimum))
        let activeCount = max(0, min(context.input.int(0...8), layout.tableMinimum - layout.elementOffset))
        layout.activeElements = (0..<activeCount).map { _ in context.input.int(0...(functionCount - 1)) }
        layout.passiveElements = (0..<context.input.int(0...4)).map { _ in context.input.int(0...(functionCount - 1)) }
        let dataLength = context.input.int(0...32)
        if layout.memoryBytes >= dataLength {
            layout.dataOffset = context.input.chance(128) ? layout.memoryBytes - dataLength : context.input.int(0...(layout.memoryBytes - dataLength))
            layout.activeData = (0..<dataLength).map { _ in context.input.byte() }
        }
        layout.passiveData = (0..<context.input.int(0...16)).map { _ in context.input.byte() }
        let startCandidates = layout.functionTypes.indices.filter { layout.signature(ofFunction: $0) == FunctionType() }
        if !startCandidates.isEmpty, context.input.chance(25) { layout.start = context.input.pick(startCandidates) }
        context.layout = layout
    }

    private func pickType(_ input: inout FuzzInput) -> ValueType {
        options.allowFloats ? input.pick(NumericOps.numericTypes) : input.pick([.i32, .i64])
    }

    private func types(maximum: Int, _ input: inout FuzzInput) -> [ValueType] {
        (0..<input.int(0...maximum)).map { _ in pickType(&input) }
    }

    /// Initial values of globals of `type`, as bits.
    private static func initials(_ type: ValueType) -> [UInt64] {
        switch type {
        case .i32: EdgeValues.i32.map(UInt64.init)
        case .i64: EdgeValues.i64
        case .f32: EdgeValues.f32.map(UInt64.init)
        default: EdgeValues.f64
        }
    }

    /// An argument of `type`: an edge value, or random bits.
    private func argument(_ type: ValueType, _ input: inout FuzzInput) -> Value {
        let edge = input.chance(200)
        switch type {
        case .i32: return .i32(edge ? input.pick(EdgeValues.i32) : input.u32())
        case .i64: return .i64(edge ? input.pick(EdgeValues.i64) : input.u64())
        case .f32: return .f32(edge ? input.pick(EdgeValues.f32) : input.u32())
        case .f64: return .f64(edge ? input.pick(EdgeValues.f64) : input.u64())
        case .funcref: return .funcref(nil)
        case .externref: return .externref(nil)
        }
    }
}
