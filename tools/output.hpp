// output.hpp - standard output in large blocks. main() makes stdout fully
// buffered with a 64 KiB buffer (setvbuf) when it is not a terminal, so a
// batch of a million results makes a few hundred write calls, not a million,
// and each result is written as it is decided.
#ifndef SCOPEGATE_TOOLS_OUTPUT_HPP
#define SCOPEGATE_TOOLS_OUTPUT_HPP

#include <cstdio>
#include <string>

namespace scopegate::cli {

// Once, before anything is written to stdout.
void use_block_buffered_stdout();

// Writes text to stdout and empties it; its capacity stays, so a loop that
// formats each result into the same string allocates nothing.
inline void put(std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  text.clear();
}

// Everything written so far reached stdout (disk full, a closed pipe: false).
inline bool stdout_ok() { return std::fflush(stdout) == 0 && std::ferror(stdout) == 0; }

}  // namespace scopegate::cli

#endif
