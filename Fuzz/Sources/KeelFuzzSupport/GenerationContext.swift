/// What the function-body generators share while one module is generated: the choices
/// still to be read, the module's layout (to which bodies add block types) and the options.
final class GenerationContext {
    var input: FuzzInput
    var layout: ModuleLayout
    let options: GeneratorOptions

    init(input: FuzzInput, layout: ModuleLayout, options: GeneratorOptions) {
        self.input = input
        self.layout = layout
        self.options = options
    }
}
