// Strings: hashing, compares, and the arena that owns a snapshot's text
// (the id rule, which the CLI shares, is in id.hpp).
//
// Every decision hashes and compares each id it gets, so these are inline.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "common/id.hpp"

namespace scopegate {

namespace text_detail {

// The two halves of a full 128-bit product, xor-ed: every input bit reaches
// every output bit.
inline uint64_t fold(uint64_t a, uint64_t b) {
  unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline constexpr uint64_t kMixA = 0x9e3779b97f4a7c15ull, kMixB = 0xbf58476d1ce4e5b9ull,
                          kMixC = 0x94d049bb133111ebull;

}  // namespace text_detail

// 64-bit hash of bytes (16 bytes a step, multiply-folded, instead of FNV's
// multiply per byte); seed lets two-part keys (domain index, id) hash
// without concatenating.
inline uint64_t hash_bytes(std::string_view s, uint64_t seed = 0) {
  using namespace text_detail;
  auto *p = reinterpret_cast<const unsigned char *>(s.data());
  size_t n = s.size();
  uint64_t h = seed ^ (n * kMixA);  // ids of up to 16 bytes take one multiply in all
  for (; n > 16; p += 16, n -= 16) h = fold(load8(p) ^ kMixB, load8(p + 8) ^ h);
  uint64_t a = 0, b = 0;
  if (n > 8) {  // two 8-byte reads, overlapping when n < 16
    a = load8(p);
    b = load8(p + n - 8);
  } else if (n >= 4) {
    a = load4(p);
    b = load4(p + n - 4);
  } else if (n > 0) {
    a = uint64_t{p[0]} << 16 | uint64_t{p[n / 2]} << 8 | p[n - 1];
  }
  return fold(a ^ kMixC, b ^ h);
}

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
  if (n > 16 && n <= 32)  // domain names: two overlapping halves of 16
    return !differ(0, uint64_t{}) && !differ(8, uint64_t{}) && !differ(n - 16, uint64_t{}) &&
           !differ(n - 8, uint64_t{});
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
