// output_buffer.cpp - block writes of collected results.
#include "output_buffer.hpp"

namespace scopegate::cli {

OutputBuffer::OutputBuffer(std::FILE* file) : file_(file) {
  // Room for a full block plus the longest single result, so appending never
  // reallocates in the steady state.
  text_.reserve(kBlock + 8192);
}

bool OutputBuffer::flush() {
  if (!text_.empty()) {
    if (std::fwrite(text_.data(), 1, text_.size(), file_) != text_.size()) failed_ = true;
    text_.clear();
  }
  if (std::fflush(file_) != 0) failed_ = true;
  return !failed_;
}

}  // namespace scopegate::cli
