// output_buffer.hpp - results collected in memory and written in large blocks,
// so a batch of a million decisions makes a few hundred write calls, not a
// million.
#ifndef SCOPEGATE_TOOLS_OUTPUT_BUFFER_HPP
#define SCOPEGATE_TOOLS_OUTPUT_BUFFER_HPP

#include <cstdio>
#include <string>

namespace scopegate::cli {

class OutputBuffer {
 public:
  explicit OutputBuffer(std::FILE* file);
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;
  ~OutputBuffer() { flush(); }

  // Append results here, then call flush_if_full() once per result.
  std::string& text() { return text_; }
  void flush_if_full() {
    if (text_.size() >= kBlock) flush();
  }
  // Writes everything; false once any write has failed (disk full, closed pipe).
  bool flush();

 private:
  static constexpr std::size_t kBlock = 64 * 1024;
  std::FILE* file_;
  std::string text_;
  bool failed_ = false;
};

}  // namespace scopegate::cli

#endif
