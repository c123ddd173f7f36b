#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, present only when the program is linked with -sanitize=fuzzer (a weak symbol:
/// a normal build links without it).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size))
    __attribute__((weak));

/// Whether libFuzzer is linked in.
static inline int caw_fuzz_driver_available(void) { return LLVMFuzzerRunDriver != NULL; }

#endif
