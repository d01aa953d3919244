#include "CLibFuzzer.h"

/// Provided by libFuzzer (compiler-rt's libclang_rt.fuzzer, linked by `-sanitize=fuzzer`).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int keel_fuzzer_main(int argc, char **argv, KeelFuzzTarget target) {
    return LLVMFuzzerRunDriver(&argc, &argv, target);
}
