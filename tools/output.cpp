// output.cpp - the stdout buffer of the CLI.
#include "output.hpp"

#include <unistd.h>

namespace scopegate::cli {

void use_block_buffered_stdout() {
  // A terminal keeps line buffering: an operator typing into `batch` sees
  // each answer at once.
  if (isatty(STDOUT_FILENO) == 0) std::setvbuf(stdout, nullptr, _IOFBF, 64 * 1024);
}

}  // namespace scopegate::cli
