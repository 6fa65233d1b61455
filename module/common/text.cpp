#include "common/text.hpp"

#include <cstring>

namespace scopegate {
namespace {

// Length of the UTF-8 sequence at s[i] if it is valid and not a control
// character, else 0.
size_t valid_sequence_length(const unsigned char *s, size_t n, size_t i) {
  unsigned char c = s[i];
  if (c < 0x80) return (c >= 0x20 && c != 0x7f) ? 1 : 0;
  size_t len;
  uint32_t cp;
  if ((c & 0xe0) == 0xc0) { len = 2; cp = c & 0x1f; }
  else if ((c & 0xf0) == 0xe0) { len = 3; cp = c & 0x0f; }
  else if ((c & 0xf8) == 0xf0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > n) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((s[i + k] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (s[i + k] & 0x3f);
  }
  static constexpr uint32_t kMinForLength[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[len] || cp > 0x10ffff) return 0;  // overlong or beyond Unicode
  if (cp >= 0xd800 && cp <= 0xdfff) return 0;              // surrogate
  if (cp >= 0x80 && cp <= 0x9f) return 0;                  // C1 control
  return len;
}

}  // namespace

bool is_valid_utf8_id(std::string_view s) {
  if (s.empty() || s.size() > kMaxIdBytes) return false;
  auto *p = reinterpret_cast<const unsigned char *>(s.data());
  // Runs of printable ASCII are skipped a word at a time; the decoder takes
  // over from the first word with another byte.
  size_t i = 0;
  while (i + 8 <= s.size() && text_detail::printable_ascii(text_detail::load8(p + i))) i += 8;
  while (i < s.size()) {
    size_t len = valid_sequence_length(p, s.size(), i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string_view StringArena::store(std::string_view s) {
  if (s.empty()) return {};
  total_ += s.size();
  if (s.size() > kChunk / 4) {  // a large string gets a block of its own
    chunks_.push_back(std::make_unique<char[]>(s.size()));
    std::memcpy(chunks_.back().get(), s.data(), s.size());
    return {chunks_.back().get(), s.size()};
  }
  if (current_ == nullptr || used_ + s.size() > kChunk) {
    chunks_.push_back(std::make_unique<char[]>(kChunk));
    current_ = chunks_.back().get();
    used_ = 0;
  }
  char *dst = current_ + used_;
  std::memcpy(dst, s.data(), s.size());
  used_ += s.size();
  return {dst, s.size()};
}

}  // namespace scopegate
