// Strings: the id rule, hashing, and the arena that owns a snapshot's text.
//
// Every decision validates and hashes each id it gets, so the common cases
// (short printable ASCII) are inline here; the full UTF-8 check is in
// text.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace scopegate {

inline constexpr size_t kMaxIdBytes = 255;

namespace text_detail {

inline uint64_t load8(const unsigned char *p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline uint64_t load4(const unsigned char *p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// All eight bytes of w in 0x20..0x7e. A byte below 0x20 borrows into its
// top bit when 0x20 is taken from it; one at 0x7f or above has the top bit
// set after adding 1 (or before). Carries between bytes only happen once
// some byte already failed, so they never hide a failure.
inline bool printable_ascii(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  uint64_t below_space = (w - 0x20 * kOnes) & ~w & kHigh;
  uint64_t del_or_above = ((w + kOnes) | w) & kHigh;
  return (below_space | del_or_above) == 0;
}

// The two halves of a full 128-bit product, xor-ed: every input bit reaches
// every output bit.
inline uint64_t fold(uint64_t a, uint64_t b) {
  unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline constexpr uint64_t kMixA = 0x9e3779b97f4a7c15ull, kMixB = 0xbf58476d1ce4e5b9ull,
                          kMixC = 0x94d049bb133111ebull;

}  // namespace text_detail

// The full check of is_valid_id: UTF-8 decoding, byte by byte.
bool is_valid_utf8_id(std::string_view s);

// An id is 1..255 bytes of valid UTF-8 without control characters (C0, DEL, C1).
// 4 to 32 bytes of printable ASCII (0x20-0x7e), nearly every id and
// domain, take two or four word checks (overlapping); anything else takes
// the full check.
inline bool is_valid_id(std::string_view s) {
  using namespace text_detail;
  size_t n = s.size();
  auto *p = reinterpret_cast<const unsigned char *>(s.data());
  if (n >= 8 && n <= 16) {
    if (printable_ascii(load8(p)) && printable_ascii(load8(p + n - 8))) return true;
  } else if (n > 16 && n <= 32) {  // domain names
    if (printable_ascii(load8(p)) && printable_ascii(load8(p + 8)) && printable_ascii(load8(p + n - 16)) &&
        printable_ascii(load8(p + n - 8)))
      return true;
  } else if (n >= 4 && n < 8) {
    constexpr uint64_t kSpaces = 0x2020202000000000ull;  // pads the high half printable
    if (printable_ascii(load4(p) | kSpaces) && printable_ascii(load4(p + n - 4) | kSpaces)) return true;
  }
  return is_valid_utf8_id(s);
}

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
