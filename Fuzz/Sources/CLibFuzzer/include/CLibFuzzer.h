#ifndef KEEL_CLIBFUZZER_H
#define KEEL_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// A fuzz target's entry point (`LLVMFuzzerTestOneInput`'s type).
typedef int (*KeelFuzzTarget)(const uint8_t *data, size_t size);

/// Runs libFuzzer's driver (`LLVMFuzzerRunDriver`, from the runtime `-sanitize=fuzzer`
/// links) on the process arguments with `target`; returns the driver's exit status.
///
/// SwiftPM links each executable with `main` defined as `<module>_main` (so tests can link
/// executables), which replaces libFuzzer's own `main`; each target's `<module>_main` calls this.
int keel_fuzzer_main(int argc, char **argv, KeelFuzzTarget target);

#endif
