// The one helper the batch line fuzzer needs (it links the CLI parser only,
// not the module).
#pragma once

#include <cstdio>
#include <cstdlib>

[[noreturn]] inline void sgfuzz_fail(const char *what) {
  std::fprintf(stderr, "FUZZ CHECK FAILED: %s\n", what);
  std::abort();
}
