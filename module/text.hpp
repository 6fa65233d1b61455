// Strings: the id rule, hashing, and the arena that owns a snapshot's text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace scopegate {

inline constexpr size_t kMaxIdBytes = 255;

// An id is 1..255 bytes of valid UTF-8 without control characters (C0, DEL, C1).
bool is_valid_id(std::string_view s);

// 64-bit hash of bytes (word at a time, multiply-folded); seed lets two-part keys
// (domain index, id) hash without concatenating.
uint64_t hash_bytes(std::string_view s, uint64_t seed = 0);

// a == b for the short strings lookups compare (ids, names): inline loads
// instead of a call to memcmp, which costs more than the compare itself.
inline bool same_text(std::string_view a, std::string_view b) {
  size_t n = a.size();
  if (n != b.size()) return false;
  const char *p = a.data(), *q = b.data();
  auto differ = [&](size_t at, auto word) {
    decltype(word) x, y;
    std::memcpy(&x, p + at, sizeof x);
    std::memcpy(&y, q + at, sizeof y);
    return x != y;
  };
  if (n >= 8 && n <= 16) return !differ(0, uint64_t{}) && !differ(n - 8, uint64_t{});  // overlapping
  if (n >= 4 && n < 8) return !differ(0, uint32_t{}) && !differ(n - 4, uint32_t{});
  if (n < 4) {
    for (size_t i = 0; i < n; ++i)
      if (p[i] != q[i]) return false;
    return true;
  }
  return std::memcmp(p, q, n) == 0;
}

// Owns the bytes that a snapshot's string_views point into. Appending never
// moves earlier strings, so views stay valid for the arena's lifetime.
class StringArena {
 public:
  std::string_view store(std::string_view s);
  size_t bytes() const { return total_; }

 private:
  static constexpr size_t kChunk = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> chunks_;
  char *current_ = nullptr;  // the chunk small strings are appended to
  size_t used_ = 0;          // bytes used in current_
  size_t total_ = 0;
};

}  // namespace scopegate
